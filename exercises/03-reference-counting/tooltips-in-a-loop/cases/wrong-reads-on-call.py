# Wrong: keeps a weak reference to each record and builds the text on call, so nothing is
# kept alive, but a tooltip whose record was freed can no longer show anything, and one
# whose record changed shows the new text.
import weakref


def make_tooltips(records):
    tooltips = []
    for record in records:
        ref = weakref.ref(record)
        tooltips.append(lambda ref=ref: f"{ref().name}: {len(ref().payload)} bytes")
    return tooltips

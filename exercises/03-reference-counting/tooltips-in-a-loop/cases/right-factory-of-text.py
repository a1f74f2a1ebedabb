# Right: a factory function whose closure holds only the text, built from the record
# before the factory is called.
def _constant(text):
    def tooltip():
        return text

    return tooltip


def make_tooltips(records):
    tooltips = []
    for record in records:
        tooltips.append(_constant(f"{record.name}: {len(record.payload)} bytes"))
    return tooltips

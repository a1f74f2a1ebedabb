# Wrong: keeps a shallow copy of each record, so the caller's records are freed, but the
# copies still refer to the same (large) payloads, which stay alive.
import copy


def make_tooltips(records):
    tooltips = []
    for record in records:
        tooltips.append(lambda kept=copy.copy(record): f"{kept.name}: {len(kept.payload)} bytes")  # noqa: B008
    return tooltips

# Wrong: binds each record as a default argument. The texts are right now, but every
# tooltip keeps its whole record (and payload) alive for as long as the tooltip lives.
def make_tooltips(records):
    tooltips = []
    for record in records:
        tooltips.append(lambda record=record: f"{record.name}: {len(record.payload)} bytes")
    return tooltips

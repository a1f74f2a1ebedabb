def make_tooltips(records):
    """One function per record; calling it returns the record's tooltip text."""
    tooltips = []
    for record in records:
        # Build the text now, while we have the record. The default argument is evaluated
        # here, once per lambda, so each tooltip keeps its own short string and nothing
        # else: no closure cell shared by the loop, no reference to the record.
        text = f"{record.name}: {len(record.payload)} bytes"
        tooltips.append(lambda text=text: text)
    return tooltips

def make_tooltips(records):
    """One function per record; calling it returns the record's tooltip text."""
    tooltips = []
    for record in records:
        tooltips.append(lambda: f"{record.name}: {len(record.payload)} bytes")
    return tooltips

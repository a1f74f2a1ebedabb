# Wrong: deleting the loop variable after the loop empties the shared closure cell, so the
# records are freed, but every tooltip now fails with NameError when it is called.
def make_tooltips(records):
    tooltips = []
    for record in records:
        tooltips.append(lambda: f"{record.name}: {len(record.payload)} bytes")  # noqa: B023 (the bug)
    if tooltips:
        del record
    return tooltips

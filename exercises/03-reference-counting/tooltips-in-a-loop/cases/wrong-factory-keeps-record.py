# Wrong: a factory function gives each tooltip its own cell, which fixes the late binding,
# but the cell holds the record, so no record is ever freed while its tooltip lives.
def _tooltip_for(record):
    def tooltip():
        return f"{record.name}: {len(record.payload)} bytes"

    return tooltip


def make_tooltips(records):
    return [_tooltip_for(record) for record in records]

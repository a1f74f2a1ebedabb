# Tries: keep the export's lines on self instead of the rows. Wrong: no Row survives, but
# the lines hold the whole export for the life of the server.
"""Nightly sales report. Runs once a night inside a long-lived server process."""


class Row:
    """One sale from the CSV export."""

    def __init__(self, day, product, amount):
        self.day = day
        self.product = product
        self.amount = amount


def parse_rows(text):
    """Parse 'day,product,amount' lines (after a header line) into Row objects."""
    rows = []
    for line in text.splitlines()[1:]:
        day, product, amount = line.split(",")
        rows.append(Row(day, product, int(amount)))
    return rows


def total_by_product(rows):
    totals = {}
    for row in rows:
        totals[row.product] = totals.get(row.product, 0) + row.amount
    return totals


class NightlyReport:
    def __init__(self, upload):
        self.upload = upload  # sends the totals to head office; can take minutes
        self.last_totals = {}
        self.last_lines = []  # handy for debugging

    def run(self, text):
        self.last_lines = text.splitlines()
        rows = parse_rows(text)
        totals = total_by_product(rows)
        del rows
        self.last_totals = totals
        self.upload(totals)
        return totals

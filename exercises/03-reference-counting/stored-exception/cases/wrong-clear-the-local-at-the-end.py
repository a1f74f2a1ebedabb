# Tries: keep the exception, and set the local `rows` to None before returning, so the
# frame the traceback keeps no longer holds the batch. Wrong: the frame still holds `self`,
# so importer -> exception -> traceback -> frame -> importer is a cycle: the importer (and
# the one row the frame still holds) can only be freed by the cycle collector.
class BatchImporter:
    """Imports rows such as {"id": 7, "qty": "3"} and remembers the last failure,
    so that a status page can show what went wrong."""

    def __init__(self):
        self.imported = []  # (id, qty) pairs
        self.last_error = None  # what went wrong most recently, or None

    def import_batch(self, rows):
        """Import every valid row of `rows`; return how many rows were imported."""
        count = 0
        for index, row in enumerate(rows):
            try:
                self.imported.append(parse_row(index, row))
                count += 1
            except ValueError as error:
                self.last_error = error
        rows = None
        return count


def parse_row(index, row):
    try:
        qty = int(row["qty"])
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"row {index}: qty must be a whole number, got {row.get('qty')!r}") from None
    return (row["id"], qty)

# Tries: store the exception without its traceback (with_traceback(None)). Wrong: the
# exception it was raised while handling (__context__, kept although `from None` hides it)
# has a traceback too; its frame's f_back is import_batch's frame, which holds `rows`.
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
                self.last_error = error.with_traceback(None)
        return count


def parse_row(index, row):
    try:
        qty = int(row["qty"])
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"row {index}: qty must be a whole number, got {row.get('qty')!r}") from None
    return (row["id"], qty)

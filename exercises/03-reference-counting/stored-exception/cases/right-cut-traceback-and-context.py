# Keeps the exception itself but cuts both ways back to the frames: its own traceback and
# the exception it was raised while handling. Right.
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
                error.__traceback__ = None
                error.__context__ = None
                self.last_error = error
        return count


def parse_row(index, row):
    try:
        qty = int(row["qty"])
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"row {index}: qty must be a whole number, got {row.get('qty')!r}") from None
    return (row["id"], qty)

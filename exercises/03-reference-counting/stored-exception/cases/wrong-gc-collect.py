# Tries: keep the exception and run the cycle collector after each batch. Wrong: the
# importer is alive and refers to the exception, so nothing in that chain is garbage.
import gc


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
        gc.collect()
        return count


def parse_row(index, row):
    try:
        qty = int(row["qty"])
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"row {index}: qty must be a whole number, got {row.get('qty')!r}") from None
    return (row["id"], qty)

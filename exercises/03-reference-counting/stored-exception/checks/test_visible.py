from fixtures import Rows
from leakless import freed_by_refcount
from submission import BatchImporter


def test_bad_rows_are_skipped_and_reported():
    importer = BatchImporter()
    count = importer.import_batch([{"id": 1, "qty": "2"}, {"id": 2, "qty": "lots"}, {"id": 3, "qty": "5"}])
    assert count == 2, "the two valid rows should be imported"
    assert importer.imported == [(1, 2), (3, 5)]
    assert str(importer.last_error) == "row 1: qty must be a whole number, got 'lots'"


def test_batch_is_freed_after_a_failure():
    importer = BatchImporter()

    def import_a_batch_with_a_bad_row():
        rows = Rows({"id": n, "qty": str(n)} for n in range(1_000))
        rows[500]["qty"] = "five hundred"
        importer.import_batch(rows)
        return rows

    freed_by_refcount(
        import_a_batch_with_a_bad_row,
        msg=(
            "The batch is still alive after the caller dropped it. `importer.last_error` "
            "refers to the exception; an exception refers to its traceback (`__traceback__`, "
            "and also the one of `__context__`, the exception it was raised while handling); "
            "a traceback refers to the frames it passed through, and the frame of "
            "`import_batch` still holds its local variable `rows`. Keep only what the status "
            "page needs."
        ),
    )
    assert str(importer.last_error) == "row 500: qty must be a whole number, got 'five hundred'"

from fixtures import Rows
from leakless import assert_not_in_cycle, freed_by_refcount
from submission import BatchImporter


def test_last_error_is_none_until_a_failure():
    importer = BatchImporter()
    assert importer.last_error is None
    assert importer.import_batch([{"id": 1, "qty": "4"}]) == 1
    assert importer.last_error is None


def test_last_error_is_the_latest_failure():
    importer = BatchImporter()
    importer.import_batch([{"id": 1}, {"id": 2, "qty": "x"}])
    assert str(importer.last_error) == "row 1: qty must be a whole number, got 'x'"
    importer.import_batch([{"id": 3, "qty": None}])
    assert str(importer.last_error) == "row 0: qty must be a whole number, got None"
    assert importer.imported == []


def test_every_batch_is_freed_and_the_importer_too():
    importers = []

    def batches_and_importer():
        importer = BatchImporter()
        first = Rows([{"id": 1, "qty": "?"}] * 50)
        importer.import_batch(first)
        importer.import_batch(Rows([{"id": 2, "qty": "3"}]))
        importers.append(str(importer.last_error))
        return first, importer

    freed_by_refcount(batches_and_importer, msg="the batch and the importer should both be freed by reference counting")
    assert importers == ["row 49: qty must be a whole number, got '?'"]


def test_importer_is_not_in_a_cycle():
    importer = BatchImporter()
    importer.import_batch([{"id": 1, "qty": "one"}])
    assert_not_in_cycle(importer, msg="the importer should not refer back to itself through its last error")

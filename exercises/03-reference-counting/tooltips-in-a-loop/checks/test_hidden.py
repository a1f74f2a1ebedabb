from fixtures import Record
from leakless import freed_by_refcount
from submission import make_tooltips


def test_empty_and_single_folders():
    assert list(make_tooltips([])) == []
    (only,) = make_tooltips([Record("a", 0)])
    assert only() == "a: 0 bytes"
    assert only() == "a: 0 bytes", "calling a tooltip again should give the same text"


def test_records_from_a_generator():
    tooltips = make_tooltips(Record(f"r{n}", n) for n in range(5))
    assert [tooltip() for tooltip in tooltips] == [f"r{n}: {n} bytes" for n in range(5)]


def test_text_is_taken_when_the_tooltips_are_made():
    record = Record("draft.txt", 3)
    (tooltip,) = make_tooltips([record])
    record.name = "final.txt"
    record.payload = record.payload + bytearray(10)
    assert tooltip() == "draft.txt: 3 bytes", "the tooltip should show the record as it was when it was made"


def test_no_record_and_no_payload_survives():
    # Watching the payloads too catches tooltips that keep a copy of each record:
    # a copied record still refers to the same large payload.
    kept = []

    def open_big_folder():
        records = [Record(f"part{n}.dat", 50_000) for n in range(6)]
        kept.append(make_tooltips(iter(records)))
        return (*records, *(record.payload for record in records))

    freed_by_refcount(
        open_big_folder, msg="every record and every payload should be freed once only the tooltips are kept"
    )
    assert [tooltip() for tooltip in kept[0]] == [f"part{n}.dat: 50000 bytes" for n in range(6)]

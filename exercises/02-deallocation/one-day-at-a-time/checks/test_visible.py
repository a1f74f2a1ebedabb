from fixtures import held_at_load, held_at_upload, load_day, reset, upload, uploads
from submission import nightly_report


def test_totals_are_uploaded():
    reset()
    totals = nightly_report(["mon", "tue"], lambda day: [12.5, 7.25, 0.3] if day == "mon" else [1.0], upload)
    assert totals == {"mon": 20.05, "tue": 1.0}
    assert uploads == [{"mon": 20.05, "tue": 1.0}], "upload() should be called once, with every total"


def test_only_one_day_is_held_at_a_time():
    reset()
    nightly_report([1, 2, 3], load_day, upload)
    assert held_at_load == [0, 0, 0], (
        f"when each day was loaded, this many earlier days' sales were still held: {held_at_load}. "
        "`sales = load_day(day)` calls load_day() before it rebinds `sales`: until then the name "
        "still refers to the previous day's list."
    )
    assert held_at_upload == [0], (
        f"during the upload, {held_at_upload[0]} day(s) of sales were still held: the last day's list "
        "is still referred to by a local variable, and the function has not returned yet"
    )

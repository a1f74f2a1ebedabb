import fixtures
from fixtures import held_at_load, held_at_upload, load_day, reset, upload, uploads
from leakless import assert_peak_ratio
from submission import nightly_report


def expected_total(day, size=2_000):
    return round(sum(((day * 7919 + i * 104729) % 10000) / 100 for i in range(size)), 2)


def test_many_days_in_order():
    reset()
    days = [5, 3, 8, 1, 9, 2]
    totals = nightly_report(days, load_day, upload)
    assert list(totals) == days
    assert totals == {day: expected_total(day) for day in days}
    assert held_at_load == [0] * 6 and held_at_upload == [0]
    assert uploads == [totals]


def test_a_single_day_and_no_day():
    reset()
    assert nightly_report(iter([4]), load_day, upload) == {4: expected_total(4)}
    assert held_at_upload == [0], "even with a single day, its sales should be gone before the upload"
    reset()
    assert nightly_report([], load_day, upload) == {}
    assert uploads == [{}], "with no days, upload() is still called once, with no totals"


def test_peak_is_one_day_whatever_the_number_of_days():
    reset()
    assert_peak_ratio(
        lambda: nightly_report(range(6), lambda day: fixtures.load_day(day, 3_000), lambda totals: None),
        lambda: sum(fixtures.load_day(0, 3_000)),
        1.5,
        msg="the report's peak memory is well above one day's sales: two days are alive at once",
    )

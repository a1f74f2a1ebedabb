from fixtures import open_readers_when_it_fails
from submission import Archive, count_until, first_error, read_records

LOG = [f"2026-03-01 10:{minute:02}:00 {'ERROR' if minute % 7 == 6 else 'INFO'} event {minute}" for minute in range(60)]


def test_reading_everything_closes_once():
    archive = Archive({"a.log": LOG, "b.log": LOG[:3]})
    assert len(list(read_records(archive, "a.log"))) == 60
    assert archive.open_readers == []
    assert list(read_records(archive, "b.log"))[-1] == ("2026-03-01 10:02:00", "INFO", "event 2")
    assert first_error(archive, "b.log") is None
    assert archive.open_readers == []


def test_a_bad_line_closes_the_reader_before_the_error_arrives():
    archive = Archive({"bad.log": LOG[:5] + ["garbage"] + LOG[5:]})
    message, still_open = open_readers_when_it_fails(archive, "bad.log")
    assert message == "not enough values to unpack (expected 4, got 1)", "the parse error must reach the caller"
    assert still_open == [], (
        "while the caller was handling the parse error, the reader was still open: it must be closed "
        "by the time the error leaves the generator, not later when something frees it"
    )
    assert archive.open_readers == []


def test_close_and_break_close_the_reader():
    archive = Archive({"app.log": LOG})
    records = read_records(archive, "app.log")
    next(iter(records))
    records.close()
    assert archive.open_readers == [], "records.close() should close the reader"
    records.close()
    assert count_until(archive, "app.log", "2026-03-01 10:30:00") == 30
    assert archive.open_readers == []


def test_several_generators_at_once():
    archive = Archive({"a.log": LOG, "b.log": LOG})
    a, b = read_records(archive, "a.log"), read_records(archive, "b.log")
    next(iter(a)), next(iter(b)), next(iter(b))
    assert sorted(archive.open_readers) == ["a.log", "b.log"]
    del b
    assert archive.open_readers == ["a.log"], "dropping one generator should close only its own reader"
    assert len(list(a)) == 59
    assert archive.open_readers == []


def test_still_lazy():
    archive = Archive({"app.log": LOG})
    records = read_records(archive, "app.log")
    assert archive.lines_read == 0
    next(iter(records)), next(iter(records))
    assert archive.lines_read == 2, f"two records needed {archive.lines_read} lines: read one line at a time"
    del records
    assert first_error(archive, "app.log") == ("2026-03-01 10:06:00", "event 6")
    assert archive.lines_read == 9

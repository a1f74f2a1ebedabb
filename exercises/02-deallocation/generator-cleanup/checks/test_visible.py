from submission import Archive, first_error, read_records

LOG = [
    "2026-03-01 10:00:00 INFO started",
    "2026-03-01 10:00:05 ERROR disk full",
    "2026-03-01 10:00:09 INFO retry",
    "2026-03-01 10:00:12 ERROR disk still full",
]


def test_a_search_that_stops_early_closes_its_reader():
    archive = Archive({"app.log": LOG})
    assert first_error(archive, "app.log") == ("2026-03-01 10:00:05", "disk full")
    assert archive.open_readers == [], (
        f"after first_error() returned, open_readers is {archive.open_readers}: the generator was "
        "dropped while paused at `yield`, so the line after its loop never ran. Python closes a "
        "dropped generator by raising GeneratorExit at the `yield`: what runs in that case?"
    )


def test_a_dropped_generator_closes_its_reader():
    archive = Archive({"app.log": LOG})
    records = read_records(archive, "app.log")
    # iter() is the generator itself; it also lets a non-generator answer fail with a message.
    assert next(iter(records)) == ("2026-03-01 10:00:00", "INFO", "started")
    assert archive.open_readers == ["app.log"], "while the generator is in use, its reader is open"
    del records
    assert archive.open_readers == [], "the generator was dropped after one record: its reader should be closed"

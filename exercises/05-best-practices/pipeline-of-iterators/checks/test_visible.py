from leakless import assert_lazy
from submission import bytes_per_day, first_errors, read_requests

OLDER = ["2026-03-01T10:00:01 GET /photos/7 200 5000", "", "2026-03-01T23:59:58 GET /albums/2 500 0"]
NEWER = ["2026-03-02T00:00:03 POST /upload 201 120", "2026-03-02T08:30:00 GET /photos/9 503 10"]


def counting(lines, read):
    """Yields `lines` one at a time, counting in read[0] how many were read."""
    for line in lines:
        read[0] += 1
        yield line


def test_the_answers():
    assert list(read_requests(OLDER, NEWER)) == [
        ("2026-03-01T10:00:01", "GET", "/photos/7", 200, 5000),
        ("2026-03-01T23:59:58", "GET", "/albums/2", 500, 0),
        ("2026-03-02T00:00:03", "POST", "/upload", 201, 120),
        ("2026-03-02T08:30:00", "GET", "/photos/9", 503, 10),
    ]
    assert list(bytes_per_day(OLDER, NEWER)) == [("2026-03-01", 5000), ("2026-03-02", 130)]
    assert [r[2] for r in first_errors(5, OLDER, NEWER)] == ["/albums/2", "/photos/9"]


def test_they_return_lazy_iterators():
    why = " is built in full before the caller sees the first item: return a generator or an itertools iterator"
    assert_lazy(read_requests(OLDER, NEWER), msg="read_requests()" + why)
    assert_lazy(bytes_per_day(OLDER, NEWER), msg="bytes_per_day()" + why)
    assert_lazy(first_errors(1, OLDER, NEWER), msg="first_errors()" + why)


def test_first_errors_stops_reading():
    read = [0]
    log = [f"2026-03-01T10:00:{s:02} GET /p/{s} {500 if s in (3, 5) else 200} 1" for s in range(40)]
    assert [r[2] for r in first_errors(2, counting(log, read))] == ["/p/3", "/p/5"]
    assert read[0] == 6, f"to find the first 2 errors, first_errors read {read[0]} lines; 6 were enough"

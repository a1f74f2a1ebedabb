from leakless import assert_peak_ratio
from submission import bytes_per_day, first_errors, read_requests


def counting(lines, read):
    for line in lines:
        read[0] += 1
        yield line


def log_of(day, hours, status=200):
    return [f"2026-03-{day:02}T{h:02}:00:00 GET /p/{day}/{h} {status} {day * 100 + h}" for h in hours]


def busy_day(count):
    for i in range(count):
        yield f"2026-03-07T{i % 24:02}:{i % 60:02}:00 GET /photos/{i % 1000} 200 {i % 5000}"


def streaming_per_day(lines):
    """The memory-efficient reference: one pass, a running total, given out when the day changes."""
    day, total = None, 0
    for line in lines:
        if line.strip():
            time, _, _, _, size = line.split()
            if time[:10] != day:
                if day is not None:
                    yield day, total
                day, total = time[:10], 0
            total += int(size)
    if day is not None:
        yield day, total


def test_a_day_across_two_files_is_one_total():
    first = log_of(1, range(20, 24)) + log_of(2, range(0, 3))
    second = log_of(2, range(3, 6)) + ["", "   "]
    third = []
    fourth = log_of(3, [12])
    assert list(bytes_per_day(first, second, third, fourth)) == [
        ("2026-03-01", 4 * 100 + 20 + 21 + 22 + 23),
        ("2026-03-02", 6 * 200 + 15),
        ("2026-03-03", 312),
    ]
    assert list(bytes_per_day()) == [] and list(bytes_per_day([], [""])) == []


def test_a_day_is_given_as_soon_as_the_next_begins():
    read = [0]
    totals = bytes_per_day(counting(log_of(4, range(10)) + log_of(5, range(10)), read))
    assert read[0] == 0, "bytes_per_day read lines before anyone asked for a total"
    assert next(iter(totals)) == ("2026-03-04", 10 * 400 + 45)
    assert read[0] <= 11, f"the first day's total needed {read[0]} lines; 11 are enough"


def test_read_requests_reads_one_line_at_a_time():
    read_a, read_b = [0], [0]
    requests = read_requests(counting(log_of(1, range(5)), read_a), counting(log_of(2, range(5)), read_b))
    assert next(iter(requests))[0] == "2026-03-01T00:00:00"
    assert (read_a[0], read_b[0]) == (1, 0), f"one request read {read_a[0]} + {read_b[0]} lines"
    assert len(list(requests)) == 9


def test_first_errors_edges():
    log = log_of(1, range(3)) + log_of(1, range(3, 6), status=502) + log_of(1, range(6, 9), status=404)
    assert list(first_errors(0, log)) == []
    assert [r[3] for r in first_errors(10, log)] == [502, 502, 502]
    assert [r[2] for r in first_errors(1, [], log)] == ["/p/1/3"]


def test_a_busy_day_in_constant_memory():
    assert list(bytes_per_day(busy_day(5))) == [("2026-03-07", 0 + 1 + 2 + 3 + 4)]
    assert_peak_ratio(
        lambda: list(bytes_per_day(busy_day(600))),
        lambda: list(streaming_per_day(busy_day(600))),
        5,
        msg="summing one busy day needed memory for all of its requests at once: sum a group as it goes",
    )

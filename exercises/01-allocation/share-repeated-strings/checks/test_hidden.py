import sys
from itertools import count

from leakless import deep_size, no_leak
from submission import load_log


def traffic(count_, day, paths=40):
    return [
        f"2026-12-{day:02d}T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d},"
        f"{('GET', 'POST', 'PUT')[i % 3]},/day-{day}/page/{i * 11 % paths},{('200', '301', '404')[i % 5 % 3]},"
        f"{('SE', 'KE', 'CA', 'VN')[i % 4]}"
        for i in range(count_)
    ]


def shared_size(lines):
    """deep_size of the records with each distinct value stored once (see test_visible.py)."""
    records, distinct = [], {}
    for line in lines:
        timestamp, *rest = line.rstrip("\n").split(",")
        records.append((timestamp, *(distinct.setdefault(value, value) for value in rest)))
    # Every tuple has five items and every timestamp the same length: one size for each.
    own = len(records) * (sys.getsizeof(records[0]) + sys.getsizeof(records[0][0]))
    return sys.getsizeof(records) + own + sum(sys.getsizeof(value) for value in distinct)


def test_an_empty_log_is_an_empty_list():
    assert load_log([]) == []


def test_each_field_is_shared_on_another_day():
    # Lines without "\n" this time, and every field but the timestamp repeats.
    lines = traffic(1_000, day=2)
    records = load_log(lines)
    assert records == [tuple(line.split(",")) for line in lines]
    size, lean = deep_size(records), shared_size(lines)
    assert size <= 1.1 * lean, (
        f"the records take {size / lean:.1f}× what they need: share every repeated field "
        "(method, path, status and country), not only some of them"
    )


def test_a_dropped_log_leaves_nothing_behind():
    days = count(3)

    def load_and_drop_a_day():
        # Every day has paths no earlier day had, as the shop's catalogue changes.
        load_log(traffic(150, day=next(days), paths=150))

    no_leak(
        load_and_drop_a_day,
        repeat=12,
        msg="memory grows with every day loaded and dropped: the strings of dropped logs are still "
        "kept somewhere. A table of every value ever seen, kept between calls, grows for ever",
    )

import sys

from leakless import deep_size
from submission import load_log

METHODS = ["GET", "GET", "GET", "POST", "GET", "DELETE", "GET"]
PATHS = [f"/shop/products/item-{n:04d}" for n in range(25)]
STATUSES = ["200", "200", "304", "200", "404", "200", "500"]
COUNTRIES = ["FR", "DE", "US", "FR", "JP", "BR", "FR", "IN", "NG"]


def log_lines(count):
    """A deterministic day of traffic: unique timestamps, few distinct other values."""
    return [
        f"2026-12-01T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d},{METHODS[i % 7]},"
        f"{PATHS[i * 7 % 25]},{STATUSES[i % 7 * 3 % 7]},{COUNTRIES[i % 9]}\n"
        for i in range(count)
    ]


def shared_size(lines):
    """deep_size of the records when every repeated value is stored once, computed here in
    the check: a list built by append, a tuple and a timestamp per line, each distinct value once."""
    records, distinct = [], {}
    for line in lines:
        timestamp, *rest = line.rstrip("\n").split(",")
        records.append((timestamp, *(distinct.setdefault(value, value) for value in rest)))
    # Every tuple has five items and every timestamp the same length: one size for each.
    own = len(records) * (sys.getsizeof(records[0]) + sys.getsizeof(records[0][0]))
    return sys.getsizeof(records) + own + sum(sys.getsizeof(value) for value in distinct)


def test_records_are_parsed_as_before():
    lines = ["2026-12-01T09:00:00,GET,/cart,200,FR\n", "2026-12-01T09:00:01,POST,/cart/pay,302,DE\n"]
    assert load_log(lines) == [
        ("2026-12-01T09:00:00", "GET", "/cart", "200", "FR"),
        ("2026-12-01T09:00:01", "POST", "/cart/pay", "302", "DE"),
    ]


def test_repeated_values_are_stored_once():
    lines = log_lines(150)
    records = load_log(lines)
    assert len(records) == 150 and records[-1] == tuple(lines[-1].rstrip("\n").split(","))
    size, lean = deep_size(records), shared_size(lines)
    assert size <= 1.1 * lean, (
        f"150 records take {size} bytes, {size / lean:.1f}× what they need: every line's `split` "
        "made new strings for a method, path, status and country that earlier lines already had. "
        "Store one copy of each distinct value and refer to it"
    )

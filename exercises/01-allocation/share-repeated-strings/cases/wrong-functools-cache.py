# Tries: functools.cache (an lru_cache without a size limit) on a function that returns its argument: equal
# arguments give back the first object. Wrong: an unbounded cache is a global table too;
# it pins every value of every day's log after the log is dropped.
from functools import cache


@cache
def canonical(value):
    return value


def load_log(lines):
    """One (timestamp, method, path, status, country) tuple of strings per line of the log."""
    records = []
    for line in lines:
        timestamp, method, path, status, country = line.rstrip("\n").split(",")
        records.append((timestamp, canonical(method), canonical(path), canonical(status), canonical(country)))
    return records

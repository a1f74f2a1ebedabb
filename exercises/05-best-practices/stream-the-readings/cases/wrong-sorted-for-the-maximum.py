# Tries: one pass for count and total, and sorted() for the maximum as it goes. Wrong:
# keeping a sorted list of the readings holds all of them in memory anyway.
"""Summaries of a greenhouse temperature log (one reading in °C per line)."""

import bisect


def parse_readings(lines):
    """The readings in `lines`, as floats; skips blank lines and '#' comments."""
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        yield float(line)


def summarize(lines):
    """(count, mean, maximum) of the readings; (0, None, None) when there are none."""
    ordered = []
    total = 0.0
    for reading in parse_readings(lines):
        bisect.insort(ordered, reading)
        total += reading
    if not ordered:
        return (0, None, None)
    return (len(ordered), total / len(ordered), ordered[-1])

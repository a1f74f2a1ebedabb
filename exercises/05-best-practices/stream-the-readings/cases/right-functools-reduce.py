# One pass with functools.reduce over the generator, folding (count, total, maximum).
# Right.
"""Summaries of a greenhouse temperature log (one reading in °C per line)."""

import functools


def parse_readings(lines):
    """The readings in `lines`, as floats; skips blank lines and '#' comments."""
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        yield float(line)


def _fold(state, reading):
    count, total, maximum = state
    return (count + 1, total + reading, reading if maximum is None or reading > maximum else maximum)


def summarize(lines):
    """(count, mean, maximum) of the readings; (0, None, None) when there are none."""
    count, total, maximum = functools.reduce(_fold, parse_readings(lines), (0, 0.0, None))
    if count == 0:
        return (0, None, None)
    return (count, total / count, maximum)

# Tries: return a generator expression, over the lines stripped first. Wrong: the list of
# stripped lines is built before the first reading: every line is read and held up front.
"""Summaries of a greenhouse temperature log (one reading in °C per line)."""


def parse_readings(lines):
    """The readings in `lines`, as floats; skips blank lines and '#' comments."""
    stripped = [line.strip() for line in lines]
    return (float(line) for line in stripped if line and not line.startswith("#"))


def summarize(lines):
    """(count, mean, maximum) of the readings; (0, None, None) when there are none."""
    count, total, maximum = 0, 0.0, None
    for reading in parse_readings(lines):
        count += 1
        total += reading
        maximum = reading if maximum is None else max(maximum, reading)
    if count == 0:
        return (0, None, None)
    return (count, total / count, maximum)

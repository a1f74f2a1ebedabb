# Tries: a generator, walked twice: once for count and total, once for the maximum. Wrong:
# the lines are a stream (a file, a network socket): the second pass finds nothing left.
"""Summaries of a greenhouse temperature log (one reading in °C per line)."""


def parse_readings(lines):
    """The readings in `lines`, as floats; skips blank lines and '#' comments."""
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        yield float(line)


def summarize(lines):
    """(count, mean, maximum) of the readings; (0, None, None) when there are none."""
    count = 0
    total = 0.0
    for reading in parse_readings(lines):
        count += 1
        total += reading
    if count == 0:
        return (0, None, None)
    return (count, total / count, max(parse_readings(lines), default=None))

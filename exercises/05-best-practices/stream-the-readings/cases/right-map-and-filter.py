# parse_readings as a pipeline of lazy built-ins (generator expression, filter, map): each
# reading is produced only when asked for. summarize keeps running values. Right.
"""Summaries of a greenhouse temperature log (one reading in °C per line)."""


def _is_reading(line):
    return bool(line) and not line.startswith("#")


def parse_readings(lines):
    """The readings in `lines`, as floats; skips blank lines and '#' comments."""
    return map(float, filter(_is_reading, (line.strip() for line in lines)))


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

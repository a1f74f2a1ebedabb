# parse_readings returns an iterator object of its own (a class with __next__), which reads
# one line per reading asked for; summarize keeps running values. Right.
"""Summaries of a greenhouse temperature log (one reading in °C per line)."""


class _Readings:
    def __init__(self, lines):
        self._lines = iter(lines)

    def __iter__(self):
        return self

    def __next__(self):
        for line in self._lines:  # raises StopIteration through the for when lines run out
            line = line.strip()
            if line and not line.startswith("#"):
                return float(line)
        raise StopIteration


def parse_readings(lines):
    """The readings in `lines`, as floats; skips blank lines and '#' comments."""
    return _Readings(lines)


def summarize(lines):
    """(count, mean, maximum) of the readings; (0, None, None) when there are none."""
    count, total, maximum = 0, 0.0, None
    for reading in parse_readings(lines):
        count += 1
        total += reading
        if maximum is None or reading > maximum:
            maximum = reading
    if count == 0:
        return (0, None, None)
    return (count, total / count, maximum)

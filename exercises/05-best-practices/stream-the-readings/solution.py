"""Summaries of a greenhouse temperature log (one reading in °C per line)."""


def parse_readings(lines):
    """The readings in `lines`, as floats; skips blank lines and '#' comments.

    A generator: it reads the next line only when the next reading is asked for,
    so a log of any length costs the memory of one line at a time.
    """
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        yield float(line)


def summarize(lines):
    """(count, mean, maximum) of the readings; (0, None, None) when there are none."""
    # One pass with running values: a generator can be walked only once, and
    # len()/sum()/max() would each need a full pass of their own.
    count = 0
    total = 0.0
    maximum = None
    for reading in parse_readings(lines):
        count += 1
        total += reading
        if maximum is None or reading > maximum:
            maximum = reading
    if count == 0:
        return (0, None, None)
    return (count, total / count, maximum)

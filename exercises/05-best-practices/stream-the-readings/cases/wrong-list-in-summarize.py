# Tries: make parse_readings a generator, and let summarize() turn it into a list to use
# len(), sum() and max(). Wrong: the list holds every reading at once again.
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
    readings = list(parse_readings(lines))
    if not readings:
        return (0, None, None)
    return (len(readings), sum(readings) / len(readings), max(readings))

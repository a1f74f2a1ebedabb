"""Summaries of a greenhouse temperature log (one reading in °C per line)."""


def parse_readings(lines):
    """The readings in `lines`, as floats; skips blank lines and '#' comments."""
    readings = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        readings.append(float(line))
    return readings


def summarize(lines):
    """(count, mean, maximum) of the readings; (0, None, None) when there are none."""
    readings = parse_readings(lines)
    if not readings:
        return (0, None, None)
    return (len(readings), sum(readings) / len(readings), max(readings))

import math

import submission
from leakless import assert_lazy, assert_peak_ratio

LOG = ["# greenhouse 2, sensor 4", "18.5", "", "21.0", "# door opened", "19.25", "  22.75  "]


def sensor_log(n):
    """A log of n readings, produced one line at a time like a file being read."""
    for i in range(n):
        if i % 100 == 0:
            yield "# hourly marker"
        yield f"{(i * 37) % 400 / 10 - 5:.1f}"


def streaming_summary(lines):
    """The memory-efficient reference: one pass, nothing but running values kept."""
    count, total, maximum = 0, 0.0, None
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            reading = float(line)
            count, total = count + 1, total + reading
            maximum = reading if maximum is None else max(maximum, reading)
    return (count, total / count, maximum)


def test_summary_is_correct():
    count, mean, maximum = submission.summarize(LOG)
    assert count == 4
    assert math.isclose(mean, 20.375)
    assert maximum == 22.75


def test_parse_readings_is_a_generator():
    readings = submission.parse_readings(LOG)
    assert_lazy(
        readings,
        msg="`parse_readings` returned a list: every reading is in memory before the first "
        "one is used. Make it a generator: `yield` each reading instead of appending it.",
    )
    assert list(readings) == [18.5, 21.0, 19.25, 22.75]


def test_summarize_memory_does_not_grow_with_the_log():
    assert_peak_ratio(
        lambda: submission.summarize(sensor_log(1_500)),
        lambda: streaming_summary(sensor_log(1_500)),
        10,
        msg="`summarize` needs memory for every reading in the log at once. "
        "Walk the readings once, keeping a running count, total and maximum, "
        "instead of calling len(), sum() and max() on a list.",
    )

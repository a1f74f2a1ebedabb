import math

import submission
from leakless import assert_peak_ratio


class CountingLines:
    """An iterable of lines that records how many lines were read from it."""

    def __init__(self, lines):
        self._lines = lines
        self.read = 0

    def __iter__(self):
        for line in self._lines:
            self.read += 1
            yield line


def sensor_log(n):
    for i in range(n):
        yield f"{(i * 53) % 700 / 10 - 20:.1f}"


def test_parse_reads_only_as_far_as_asked():
    source = CountingLines(["# header", "", "3.5", "4.0", "not a number"])
    readings = submission.parse_readings(source)
    assert source.read == 0, "a generator does no work before the first value is asked for"
    assert next(readings) == 3.5
    assert source.read == 3, f"asking for one reading read {source.read} lines: read lazily"


def test_empty_and_comment_only_logs():
    assert submission.summarize([]) == (0, None, None)
    assert submission.summarize(iter(["# nothing today", "", "   "])) == (0, None, None)


def test_negative_readings_and_a_single_reading():
    count, mean, maximum = submission.summarize(iter(["-3.5", "-1.0", "-7.25"]))
    assert (count, maximum) == (3, -1.0)
    assert math.isclose(mean, -11.75 / 3)
    assert submission.summarize(iter(["12.0"])) == (1, 12.0, 12.0)


def test_a_large_log_in_constant_memory():
    count, mean, maximum = submission.summarize(sensor_log(7_000))
    assert count == 7_000 and maximum == 49.9
    assert math.isclose(mean, sum((i * 53) % 700 / 10 - 20 for i in range(7_000)) / 7_000)
    assert_peak_ratio(
        lambda: submission.summarize(sensor_log(6_000)),
        lambda: max(float(line) for line in sensor_log(6_000)),  # streams: a few hundred bytes
        10,
        msg="summarizing 6 000 lines needed memory for all of them at once: stream them",
    )

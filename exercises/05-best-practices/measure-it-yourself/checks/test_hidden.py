import submission
from fixtures import learner_tracing, start_learner_tracing, stop_learner_tracing


def allocator(n):
    # The size stays in the closure: measure() sees neither an argument nor a result to
    # compute a plausible answer from, only what the call allocates.
    def allocate():
        bytearray(n)

    return allocate


def explode(n):
    buffer = bytearray(n)
    raise RuntimeError(f"boom after {len(buffer)} bytes")


def test_peak_is_proportional_to_the_work():
    small, _ = submission.measure(allocator(200_000))
    large, _ = submission.measure(allocator(800_000))
    assert 3.5 < large / small < 4.5, f"peaks {small} and {large} should be about 1:4"


def test_arguments_reach_the_function():
    received = []
    submission.measure(lambda *args, **kwargs: received.append((args, kwargs)), 1, n=2)
    assert received == [((1,), {"n": 2})], "measure(fn, *args, **kwargs) calls fn(*args, **kwargs) once"


def test_what_was_in_use_before_does_not_count():
    stop_learner_tracing()
    start_learner_tracing()  # tracing, as your code sees it, before the call
    try:
        existing = bytearray(2_000_000)  # already allocated, and traced, before the call
        peak, retained = submission.measure(allocator(100_000))
        assert learner_tracing(), "tracemalloc was tracing before: keep it tracing"
        assert 100_000 <= peak < 200_000, f"peak {peak}: count only what the call allocated"
        assert abs(retained) < 10_000
        del existing
    finally:
        stop_learner_tracing()


def test_the_return_value_is_not_retained():
    _, retained = submission.measure(lambda: bytearray(300_000))
    assert retained < 10_000, "the call's return value is thrown away: it is not retained"


def test_an_exception_passes_through_and_tracing_stops():
    stop_learner_tracing()
    try:
        submission.measure(explode, 50_000)
    except RuntimeError as error:
        assert "boom" in str(error)
    else:
        raise AssertionError("the function's exception must reach the caller")
    assert not learner_tracing(), "use try/finally to restore tracemalloc"

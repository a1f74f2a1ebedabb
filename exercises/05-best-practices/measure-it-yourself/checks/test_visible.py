import submission
from fixtures import learner_tracing, start_learner_tracing, stop_learner_tracing

MB = 1_000_000
left_behind = []  # plays the part of a long-lived global list


def build_and_discard():
    temporary = bytearray(MB)  # 1 MB on any machine: a bytearray holds raw bytes
    del temporary


def build_and_keep():
    left_behind.append(bytearray(MB // 2))


def test_peak_includes_temporaries():
    peak, retained = submission.measure(build_and_discard)
    assert peak >= MB, (
        f"measure() reported a peak of {peak} bytes for a function that holds a "
        f"1 000 000-byte bytearray while it runs. Measuring the return value cannot "
        "see temporaries: use tracemalloc's peak."
    )
    assert retained < MB // 100, (
        f"measure() reported {retained} bytes retained for a function that leaves nothing "
        "behind: compare tracemalloc's current memory after the call with before it"
    )


def test_retained_shows_what_the_call_left_behind():
    left_behind.clear()
    peak, retained = submission.measure(build_and_keep)
    assert retained >= MB // 2, (
        f"measure() reported {retained} bytes retained for a function that left a "
        "500 000-byte bytearray in a global list. `retained` is tracemalloc's current "
        "memory after the call minus before it."
    )
    assert peak >= retained
    left_behind.clear()


def test_tracemalloc_is_left_as_it_was_found():
    stop_learner_tracing()  # an earlier call may have left it on: start from "not tracing"
    submission.measure(build_and_discard)
    assert not learner_tracing(), (
        "tracemalloc was not tracing before measure(), and it still is after: stop it if you started it"
    )
    start_learner_tracing()
    try:
        submission.measure(build_and_discard)
        assert learner_tracing(), (
            "tracemalloc was tracing before measure(), and it stopped: stop it only if you started it"
        )
    finally:
        stop_learner_tracing()

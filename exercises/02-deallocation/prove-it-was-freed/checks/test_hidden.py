from fixtures import Thing
from leakless import gc_paused
from submission import is_freed_when_dropped


def test_kept_by_a_dict_and_by_an_attribute():
    cache = {}

    def make_cached():
        t = Thing()
        cache["t"] = t
        return t

    owner = Thing()

    def make_owned():
        t = Thing()
        owner.child = t
        return t

    assert is_freed_when_dropped(make_cached) is False
    assert is_freed_when_dropped(make_owned) is False


def test_the_answer_depends_on_the_object():
    kept = []
    calls = []

    def sometimes_kept():
        t = Thing()
        calls.append(1)
        if len(calls) % 2 == 0:
            kept.append(t)
        return t

    answers = [is_freed_when_dropped(sometimes_kept) for _ in range(4)]
    assert answers == [True, False, True, False], f"expected [True, False, True, False], got {answers}"


def test_an_object_in_a_cycle_is_not_freed_by_dropping_it():
    def make_self_cycle():
        t = Thing()
        t.me = t
        return t

    with gc_paused():
        answer = is_freed_when_dropped(make_self_cycle)
    assert answer is False, (
        "an object that refers to itself is not freed when the last outside reference goes; "
        "only the cycle collector frees it. Do not call gc.collect() in the measurement."
    )

from fixtures import Thing
from submission import is_freed_when_dropped


def test_an_object_nobody_keeps_is_freed():
    assert is_freed_when_dropped(Thing) is True, (
        "a plain `Thing()` that nothing else refers to is freed as soon as it is dropped: the answer is True"
    )


def test_an_object_kept_in_a_list_is_not_freed():
    registry = []

    def make_and_register():
        thing = Thing()
        registry.append(thing)
        return thing

    answer = is_freed_when_dropped(make_and_register)
    assert answer is False, (
        f"returned {answer!r}, but the object is still in `registry`, so dropping your reference cannot free it. "
        "Measure instead of guessing: a `weakref.ref` tells you whether the object still exists."
    )

import gc

from fixtures import Thing
from submission import how_freed


def pair():
    a, b = Thing(), Thing()
    a.other, b.other = b, a
    return a


def test_plain_object_is_freed_by_refcount():
    answer = how_freed(Thing)
    assert answer == "refcount", (
        f"how_freed(Thing) returned {answer!r}, but a new `Thing` that nothing else refers to "
        "is freed by reference counting the moment it is dropped. Does your function itself "
        "still hold a reference to it when it asks the weak reference?"
    )


def test_cycle_needs_the_collector():
    answer = how_freed(pair)
    assert answer == "collector", (
        f"how_freed(pair) returned {answer!r}, but two objects that refer to each other are only freed by gc.collect()"
    )


def test_collection_is_paused_and_restored():
    seen = []

    def record_gc_state():
        seen.append(gc.isenabled())
        return Thing()

    gc.enable()  # an earlier check may have run a how_freed() that left it disabled
    how_freed(record_gc_state)
    assert seen == [False], "automatic collection should already be paused when factory() runs"
    assert gc.isenabled(), "automatic collection should be enabled again after how_freed() returns"

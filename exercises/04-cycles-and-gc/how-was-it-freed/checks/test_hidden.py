import gc

from fixtures import Thing
from submission import how_freed

kept_forever = []


def test_reachable_object_is_never_freed():
    def kept():
        thing = Thing()
        kept_forever.append(thing)
        return thing

    assert how_freed(kept) == "never"
    kept_forever.clear()


def test_self_cycle_and_longer_cycle():
    def self_loop():
        thing = Thing()
        thing.me = thing
        return thing

    def ring_of_five():
        things = [Thing() for _ in range(5)]
        for first, second in zip(things, things[1:] + things[:1], strict=True):
            first.next = second
        return things[2]

    assert how_freed(self_loop) == "collector"
    assert how_freed(ring_of_five) == "collector"


def test_tree_without_back_links_is_freed_by_refcount():
    def tree():
        root = Thing()
        root.children = [Thing() for _ in range(3)]
        return root

    assert how_freed(tree) == "refcount"


def test_disabled_collection_stays_disabled():
    gc.disable()
    try:
        assert how_freed(Thing) == "refcount"
        assert not gc.isenabled(), "how_freed() should leave automatic collection disabled if it was disabled before"
    finally:
        gc.enable()


def test_restored_even_when_the_factory_raises():
    def broken():
        raise RuntimeError("factory failed")

    gc.enable()
    try:
        how_freed(broken)
    except RuntimeError:
        pass
    assert gc.isenabled(), "automatic collection should be enabled again even when factory() raises"

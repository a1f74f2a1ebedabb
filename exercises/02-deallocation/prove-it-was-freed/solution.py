import weakref


def is_freed_when_dropped(make):
    """Build an object with make(), drop it, and return whether it was freed at once."""
    obj = make()
    # A weak reference observes the object without keeping it alive.
    alive = weakref.ref(obj)
    del obj
    return alive() is None

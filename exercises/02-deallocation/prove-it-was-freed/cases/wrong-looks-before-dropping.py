# Tries: a weak reference, read while `obj` still exists. Wrong: our own variable keeps
# the object alive, so the answer is always False.
import weakref


def is_freed_when_dropped(make):
    """Build an object with make(), drop it, and return whether it was freed at once."""
    obj = make()
    alive = weakref.ref(obj)
    freed = alive() is None
    del obj
    return freed

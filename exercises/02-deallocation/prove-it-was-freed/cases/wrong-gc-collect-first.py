# Tries: a weak reference, with a gc.collect() "to be sure" before looking. Wrong: the
# collection frees objects kept only by a cycle, which dropping the reference did not free:
# the answer must be about reference counting alone.
import gc
import weakref


def is_freed_when_dropped(make):
    """Build an object with make(), drop it, and return whether it was freed at once."""
    obj = make()
    alive = weakref.ref(obj)
    del obj
    gc.collect()
    return alive() is None

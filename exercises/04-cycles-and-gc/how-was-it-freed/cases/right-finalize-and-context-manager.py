# A context manager pauses and restores automatic collection; weakref.finalize records when
# the object dies, and the answer is read after dropping it, then after one collection.
# Right.
import contextlib
import gc
import weakref


@contextlib.contextmanager
def _collection_paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def how_freed(factory):
    """Return "refcount", "collector" or "never": what frees the object factory() builds."""
    with _collection_paused():
        freed = []
        obj = factory()
        weakref.finalize(obj, freed.append, True)
        del obj
        if freed:
            return "refcount"
        gc.collect()
        return "collector" if freed else "never"

# Tries: gc.collect() right after dropping the object, then look. Wrong: the collection
# frees cycles too, so a cycle looks freed "by refcount" and "collector" is never answered.
import gc
import weakref


def how_freed(factory):
    """Return "refcount", "collector" or "never": what frees the object factory() builds."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        obj = factory()
        alive = weakref.ref(obj)
        del obj
        gc.collect()
        if alive() is None:
            return "refcount"
        return "never"
    finally:
        if was_enabled:
            gc.enable()

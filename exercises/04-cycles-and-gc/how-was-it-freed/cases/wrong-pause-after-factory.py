# Tries: pause collection once the object exists. Wrong: a collection could already have
# run while factory() was building it (and freed a cycle "by refcount"): pause first.
import gc
import weakref


def how_freed(factory):
    """Return "refcount", "collector" or "never": what frees the object factory() builds."""
    was_enabled = gc.isenabled()
    obj = factory()
    gc.disable()
    try:
        alive = weakref.ref(obj)
        del obj
        if alive() is None:
            return "refcount"
        gc.collect()
        return "collector" if alive() is None else "never"
    finally:
        if was_enabled:
            gc.enable()

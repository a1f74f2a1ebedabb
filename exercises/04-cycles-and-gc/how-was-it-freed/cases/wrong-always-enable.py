# Tries: try/finally with gc.enable(). Wrong: if the caller had disabled automatic
# collection, how_freed() turns it back on behind the caller's back.
import gc
import weakref


def how_freed(factory):
    """Return "refcount", "collector" or "never": what frees the object factory() builds."""
    gc.disable()
    try:
        obj = factory()
        alive = weakref.ref(obj)
        del obj
        if alive() is None:
            return "refcount"
        gc.collect()
        return "collector" if alive() is None else "never"
    finally:
        gc.enable()

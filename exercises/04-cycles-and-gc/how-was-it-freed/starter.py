import gc
import weakref


def how_freed(factory):
    """Return "refcount", "collector" or "never": what frees the object factory() builds."""
    gc.disable()
    obj = factory()
    alive = weakref.ref(obj)
    if alive() is None:
        return "refcount"
    gc.collect()
    if alive() is None:
        return "collector"
    gc.enable()
    return "never"

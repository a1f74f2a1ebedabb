import gc
import weakref


def how_freed(factory):
    """Return "refcount", "collector" or "never": what frees the object factory() builds."""
    was_enabled = gc.isenabled()
    # Paused before factory() runs: an automatic collection between building the object
    # and looking at it could free a cycle and make it look freed by refcount.
    gc.disable()
    try:
        obj = factory()
        alive = weakref.ref(obj)
        # Our own variable is a reference too: while it exists, nothing can be freed.
        del obj
        if alive() is None:
            return "refcount"
        gc.collect()
        if alive() is None:
            return "collector"
        return "never"
    finally:
        if was_enabled:
            gc.enable()

# Tries: remember the state and restore it at the end. Wrong: without try/finally, a factory
# that raises skips the restore, and automatic collection stays off for the whole program.
import gc
import weakref


def how_freed(factory):
    """Return "refcount", "collector" or "never": what frees the object factory() builds."""
    was_enabled = gc.isenabled()
    gc.disable()
    obj = factory()
    alive = weakref.ref(obj)
    del obj
    if alive() is None:
        answer = "refcount"
    else:
        gc.collect()
        answer = "collector" if alive() is None else "never"
    if was_enabled:
        gc.enable()
    return answer

# The object is built and dropped inside a helper, so only a weak reference comes back:
# no local variable of how_freed() can keep it alive. Right.
import gc
import weakref


def _build_and_drop(factory):
    return weakref.ref(factory())


def how_freed(factory):
    """Return "refcount", "collector" or "never": what frees the object factory() builds."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        alive = _build_and_drop(factory)
        if alive() is None:
            return "refcount"
        gc.collect()
        return "collector" if alive() is None else "never"
    finally:
        if was_enabled:
            gc.enable()

# A weak reference with a callback: the callback runs when the object is freed, so a
# flag set there says whether dropping our reference freed it. Right.
import weakref


def is_freed_when_dropped(make):
    """Build an object with make(), drop it, and return whether it was freed at once."""
    state = {"freed": False}

    def on_freed(_ref):
        state["freed"] = True

    obj = make()
    watch = weakref.ref(obj, on_freed)
    del obj
    freed = state["freed"]
    del watch
    return freed

# Tries: keep the object in a list "to inspect it" after del. Wrong: the list is a
# reference too, so the object can never be freed while we measure.
import weakref


def is_freed_when_dropped(make):
    """Build an object with make(), drop it, and return whether it was freed at once."""
    made = [make()]
    alive = weakref.ref(made[0])
    return alive() is None

# weakref.finalize records the object's death in a flag; the flag is read right after our
# last reference goes, with no collection. Right.
import weakref


def is_freed_when_dropped(make):
    """Build an object with make(), drop it, and return whether it was freed at once."""
    freed = []
    obj = make()
    weakref.finalize(obj, freed.append, True)
    del obj
    return bool(freed)

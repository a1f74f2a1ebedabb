# Tries: if the object was freed, a new object would reuse its address. Wrong: it calls
# make() a second time (which may have effects), and address reuse proves nothing either way.
def is_freed_when_dropped(make):
    """Build an object with make(), drop it, and return whether it was freed at once."""
    obj = make()
    address = id(obj)
    del obj
    other = make()
    return id(other) == address

def is_freed_when_dropped(make):
    """Build an object with make(), drop it, and return whether it was freed at once."""
    obj = make()
    del obj
    return True  # a guess, not a measurement: replace it with a proof

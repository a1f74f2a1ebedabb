import gc


def references_left(action, obj):
    """How many references to `obj` calling `action(obj)` leaves behind."""
    before = len(gc.get_referrers(obj))
    result = action(obj)
    after = len(gc.get_referrers(obj))
    return after - before

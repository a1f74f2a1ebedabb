import sys


def references_left(action, obj):
    """How many references to `obj` calling `action(obj)` leaves behind."""
    # The reference count counts references (a list holding obj twice counts twice);
    # gc.get_referrers lists referrers, each once. Only the difference of two counts
    # taken the same way means something. The action's result is not kept, so a
    # returned obj (or a returned list holding it) is dropped before the second count.
    before = sys.getrefcount(obj)
    action(obj)
    return sys.getrefcount(obj) - before

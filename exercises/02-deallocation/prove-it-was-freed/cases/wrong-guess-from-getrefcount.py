# Tries: predict from the reference count: 2 (our variable and getrefcount's argument)
# would mean "nobody else has it". Wrong: that is a guess, not a measurement, and the
# numbers are not stable: Python 3.14 borrows references, so here the count of an object
# only we hold is 1, and every answer comes out inverted.
import sys


def is_freed_when_dropped(make):
    """Build an object with make(), drop it, and return whether it was freed at once."""
    obj = make()
    return sys.getrefcount(obj) == 2

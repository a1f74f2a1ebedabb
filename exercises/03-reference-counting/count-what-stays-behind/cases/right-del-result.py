# Right: keeps the result for a moment, but deletes it before the second count.
import sys


def references_left(action, obj):
    before = sys.getrefcount(obj)
    result = action(obj)
    del result
    return sys.getrefcount(obj) - before

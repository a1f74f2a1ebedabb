# Right: both counts are taken the same way, through the same helper, so its own
# references cancel out; the result is never bound to a name.
import sys


def _count(obj):
    return sys.getrefcount(obj)


def references_left(action, obj):
    before = _count(obj)
    action(obj)
    after = _count(obj)
    return after - before

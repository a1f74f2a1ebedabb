# Wrong: counts references, but keeps the action's result while counting: an action that
# returns obj, or a list holding it, is reported as leaving references behind.
import sys


def references_left(action, obj):
    before = sys.getrefcount(obj)
    result = action(obj)  # noqa: F841 (the bug: kept while counting)
    after = sys.getrefcount(obj)
    return after - before

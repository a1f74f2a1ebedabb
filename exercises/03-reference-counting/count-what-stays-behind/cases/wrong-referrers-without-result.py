# Wrong: drops the result, but still counts referrers: a list that holds obj twice is one
# referrer, so appending twice reads as 1 and removing one of two as 0.
import gc


def references_left(action, obj):
    before = len(gc.get_referrers(obj))
    action(obj)
    return len(gc.get_referrers(obj)) - before

# Wrong: assumes an object nobody else refers to has a count of 2 (the argument and
# getrefcount's own), so it only looks after the action. Other references that existed
# before (the caller's variables, containers) are counted as left behind.
import sys


def references_left(action, obj):
    action(obj)
    return sys.getrefcount(obj) - 2

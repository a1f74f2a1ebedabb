# Tries: recursion that remembers only the containers on the current path (removed again on
# the way back), which is enough to stop a list that contains itself. Wrong: an object shared
# by two branches is not on both paths at once, so it is counted once per branch.
import sys


def deep_size(obj, _path=None):
    """Bytes used by `obj` and every object reachable from it, each object counted once."""
    path = set() if _path is None else _path
    if id(obj) in path:
        return 0
    path.add(id(obj))
    total = sys.getsizeof(obj)
    if isinstance(obj, dict):
        for key, value in obj.items():
            total += deep_size(key, path) + deep_size(value, path)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for item in obj:
            total += deep_size(item, path)
    path.discard(id(obj))
    return total

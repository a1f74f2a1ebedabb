# Recursion with a set of the ids already counted, shared by every call: each object
# counts once, by identity, and a structure containing itself stops. Right.
import sys


def deep_size(obj, _seen=None):
    """Bytes used by `obj` and every object reachable from it, each object counted once."""
    seen = set() if _seen is None else _seen
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    total = sys.getsizeof(obj)
    if isinstance(obj, dict):
        for key, value in obj.items():
            total += deep_size(key, seen) + deep_size(value, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for item in obj:
            total += deep_size(item, seen)
    return total

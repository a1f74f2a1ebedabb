# Tries: add up every item recursively, with a depth limit against self-containing lists.
# Wrong: an object referred to three times is counted three times.
import sys


def deep_size(obj, depth=0):
    """Bytes used by `obj` and every object reachable from it, each object counted once."""
    total = sys.getsizeof(obj)
    if depth > 50:
        return total
    if isinstance(obj, dict):
        for key, value in obj.items():
            total += deep_size(key, depth + 1) + deep_size(value, depth + 1)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for item in obj:
            total += deep_size(item, depth + 1)
    return total

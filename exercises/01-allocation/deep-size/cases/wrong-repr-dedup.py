# Tries: recognise objects already counted by their repr(). Wrong: equal objects have
# the same repr, so distinct copies count once; and repr of a big structure is costly.
import sys


def deep_size(obj):
    """Bytes used by `obj` and every object reachable from it, each object counted once."""
    seen = set()
    total = 0
    stack = [obj]
    while stack:
        current = stack.pop()
        key = (type(current).__name__, repr(current))
        if key in seen:
            continue
        seen.add(key)
        total += sys.getsizeof(current)
        if isinstance(current, dict):
            stack.extend(current.keys())
            stack.extend(current.values())
        elif isinstance(current, (list, tuple, set, frozenset)):
            stack.extend(current)
    return total

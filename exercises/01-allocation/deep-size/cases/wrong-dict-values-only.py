# Tries: walk dicts through .values() only. Wrong: the keys are objects too, and a dict
# refers to them: their memory belongs in the total.
import sys


def deep_size(obj):
    """Bytes used by `obj` and every object reachable from it, each object counted once."""
    seen = set()
    total = 0
    stack = [obj]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        total += sys.getsizeof(current)
        if isinstance(current, dict):
            stack.extend(current.values())
        elif isinstance(current, (list, tuple, set, frozenset)):
            stack.extend(current)
    return total

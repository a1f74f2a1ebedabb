# Tries: remember the objects already counted in a list and skip one that is `in` it.
# Wrong: `in` compares with ==, so two different but equal objects ([] and [], two equal
# strings) count once, although each one takes its own memory.
import sys


def deep_size(obj):
    """Bytes used by `obj` and every object reachable from it, each object counted once."""
    seen = []
    total = 0
    stack = [obj]
    while stack:
        current = stack.pop()
        if any(current is s or current == s for s in seen):
            continue
        seen.append(current)
        total += sys.getsizeof(current)
        if isinstance(current, dict):
            stack.extend(current.keys())
            stack.extend(current.values())
        elif isinstance(current, (list, tuple, set, frozenset)):
            stack.extend(current)
    return total

import sys


def deep_size(obj):
    """Bytes used by `obj` and every object reachable from it, each object counted once."""
    seen = set()  # ids of objects already counted: shared objects count once, cycles end
    total = 0
    stack = [obj]  # an explicit stack, so deep nesting cannot hit the recursion limit
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        total += sys.getsizeof(current)
        if isinstance(current, dict):
            stack.extend(current.keys())
            stack.extend(current.values())
        elif isinstance(current, (list, tuple, set, frozenset)):
            stack.extend(current)
    return total

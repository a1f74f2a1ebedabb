# Tries: look inside every object through gc.get_referents(). Wrong: the task counts
# only containers' contents; other objects (an instance, its class...) count as
# sys.getsizeof alone.
import gc
import sys


def deep_size(obj):
    """Bytes used by `obj` and every object reachable from it, each object counted once."""
    seen = set()
    total = 0
    stack = [obj]
    while stack:
        current = stack.pop()
        if id(current) in seen or isinstance(current, type):
            continue
        seen.add(id(current))
        total += sys.getsizeof(current)
        stack.extend(gc.get_referents(current))
    return total

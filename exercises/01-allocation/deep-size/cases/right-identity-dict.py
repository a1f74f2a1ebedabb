# Keeps the counted objects themselves in a dict keyed by id() (holding them keeps their
# ids from being reused while we walk), and walks breadth first. Right.
import sys
from collections import deque


def deep_size(obj):
    """Bytes used by `obj` and every object reachable from it, each object counted once."""
    counted = {}
    queue = deque([obj])
    while queue:
        current = queue.popleft()
        if id(current) in counted:
            continue
        counted[id(current)] = current
        if isinstance(current, dict):
            queue.extend(current)
            queue.extend(current.values())
        elif isinstance(current, (list, tuple, set, frozenset)):
            queue.extend(current)
    return sum(sys.getsizeof(o) for o in counted.values())

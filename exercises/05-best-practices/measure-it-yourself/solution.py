"""Two memory-measuring tools."""

import sys
import tracemalloc


def measure_peak(fn, *args, **kwargs):
    """Peak bytes allocated while fn(*args, **kwargs) runs.

    Counted from what was already in use when the call started, so earlier
    allocations do not inflate the result. If tracemalloc is already tracing (an
    outer measurement), it keeps tracing, but its peak is reset: tracemalloc has
    a single peak, so nested measurements cannot both keep theirs.
    """
    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        fn(*args, **kwargs)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        if started_here:
            tracemalloc.stop()
    return peak - before


_CONTAINERS = (list, tuple, set, frozenset)


def deep_sizeof(obj):
    """Size of obj and everything it contains, each object counted once."""
    seen = set()  # ids of objects already counted: shared items and cycles count once
    to_visit = [obj]  # an explicit stack, so deep nesting cannot hit the recursion limit
    total = 0
    while to_visit:
        current = to_visit.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        total += sys.getsizeof(current)
        if isinstance(current, dict):
            to_visit.extend(current.keys())
            to_visit.extend(current.values())
        elif isinstance(current, _CONTAINERS):
            to_visit.extend(current)
    return total

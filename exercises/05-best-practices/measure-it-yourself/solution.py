"""A memory-measuring tool."""

import tracemalloc


def measure(fn, *args, **kwargs):
    """(peak, retained): bytes in use at the peak of fn(*args, **kwargs), and
    bytes still in use after it, once its return value is discarded.

    Both are counted from what was in use when the call started, so earlier
    allocations do not count. If tracemalloc is already tracing (an outer
    measurement), it keeps tracing, but its peak is reset: tracemalloc keeps a
    single peak, so nested measurements cannot both keep theirs.
    """
    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        # The result is not kept: what the caller receives is not "left behind".
        fn(*args, **kwargs)
        after, peak = tracemalloc.get_traced_memory()
    finally:
        if started_here:
            tracemalloc.stop()
    return peak - before, after - before

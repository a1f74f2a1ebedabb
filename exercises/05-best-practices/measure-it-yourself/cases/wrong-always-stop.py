# Tries: start, measure, stop in try/finally. Wrong: it stops tracemalloc even when it was
# already tracing before the call, which breaks the caller's own measurement.
"""A memory-measuring tool."""

import tracemalloc


def measure(fn, *args, **kwargs):
    """(peak, retained): bytes in use at the peak of fn(*args, **kwargs), and
    bytes still in use after it, once its return value is discarded."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        fn(*args, **kwargs)
        after, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - before, after - before

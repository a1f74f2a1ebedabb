# Tries: start tracing if needed and stop it after the call. Wrong: without try/finally, a
# function that raises leaves tracemalloc tracing (and slowing) the whole program.
"""A memory-measuring tool."""

import tracemalloc


def measure(fn, *args, **kwargs):
    """(peak, retained): bytes in use at the peak of fn(*args, **kwargs), and
    bytes still in use after it, once its return value is discarded."""
    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    tracemalloc.reset_peak()
    before, _ = tracemalloc.get_traced_memory()
    fn(*args, **kwargs)
    after, peak = tracemalloc.get_traced_memory()
    if started_here:
        tracemalloc.stop()
    return peak - before, after - before

# Tries: keep the result in a variable and measure after the call. Wrong: while `result`
# holds the return value, its memory is counted as retained, though the task throws it away.
"""A memory-measuring tool."""

import tracemalloc


def measure(fn, *args, **kwargs):
    """(peak, retained): bytes in use at the peak of fn(*args, **kwargs), and
    bytes still in use after it, once its return value is discarded."""
    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        result = fn(*args, **kwargs)
        after, peak = tracemalloc.get_traced_memory()
    finally:
        if started_here:
            tracemalloc.stop()
    print(f"measured {type(result).__name__}")
    return peak - before, after - before

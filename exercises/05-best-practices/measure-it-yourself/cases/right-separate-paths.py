# Two explicit paths: when tracemalloc already runs, measure inside it; otherwise start it
# and stop it in a finally. Right.
"""A memory-measuring tool."""

import tracemalloc


def _measure_while_tracing(fn, args, kwargs):
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    fn(*args, **kwargs)
    current, peak = tracemalloc.get_traced_memory()
    return peak - before, current - before


def measure(fn, *args, **kwargs):
    """(peak, retained): bytes in use at the peak of fn(*args, **kwargs), and
    bytes still in use after it, once its return value is discarded."""
    if tracemalloc.is_tracing():
        return _measure_while_tracing(fn, args, kwargs)
    tracemalloc.start()
    try:
        return _measure_while_tracing(fn, args, kwargs)
    finally:
        tracemalloc.stop()

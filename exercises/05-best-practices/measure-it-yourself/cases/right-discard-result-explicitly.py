# Keeps the result only long enough to drop it explicitly before reading the memory, so
# the return value is not counted as retained. Right.
"""A memory-measuring tool."""

import tracemalloc


def measure(fn, *args, **kwargs):
    """(peak, retained): bytes in use at the peak of fn(*args, **kwargs), and
    bytes still in use after it, once its return value is discarded."""
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        start, _ = tracemalloc.get_traced_memory()
        result = fn(*args, **kwargs)
        del result
        end, highest = tracemalloc.get_traced_memory()
        return highest - start, end - start
    finally:
        if not was_tracing:
            tracemalloc.stop()

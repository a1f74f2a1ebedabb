"""tracemalloc as your code sees it, for the checks; this file runs beside your code.

Your code and the checks each have a tracemalloc view of their own (starting or stopping
one does not start or stop the other), so the checks ask and set yours through here.
"""

import tracemalloc


def learner_tracing():
    """Whether tracemalloc is tracing, as your code sees it."""
    return tracemalloc.is_tracing()


def start_learner_tracing():
    tracemalloc.start()


def stop_learner_tracing():
    if tracemalloc.is_tracing():
        tracemalloc.stop()

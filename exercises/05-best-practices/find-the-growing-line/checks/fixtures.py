import tracemalloc  # the learner's side of tracemalloc, as growing_line() sees it


def tracing():
    return tracemalloc.is_tracing()


def start_tracing():
    tracemalloc.start()


def stop_tracing():
    tracemalloc.stop()

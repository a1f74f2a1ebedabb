def fetch_with_retry(fetch, attempts=3):
    """Call fetch() until it succeeds; give up after `attempts` connection errors."""
    last_error = None
    try:
        for _ in range(attempts):
            try:
                return fetch()
            except ConnectionError as error:
                last_error = error
        raise RuntimeError(f"gave up after {attempts} attempts") from last_error
    finally:
        # last_error's traceback refers to this very frame, and the frame refers to
        # last_error: a reference cycle that would keep every local (fetch, and the client
        # behind it) alive after we return. Clearing the local on every way out breaks it;
        # the RuntimeError keeps its cause through __cause__, not through this variable.
        last_error = None

def fetch_with_retry(fetch, attempts=3):
    """Call fetch() until it succeeds; give up after `attempts` connection errors."""
    last_error = None
    for _ in range(attempts):
        try:
            return fetch()
        except ConnectionError as error:
            last_error = error
    raise RuntimeError(f"gave up after {attempts} attempts") from last_error

# Right (for memory): keep the last error without its traceback. No traceback, no way
# back to the frame, so no cycle; the RuntimeError is still chained to the error.
def fetch_with_retry(fetch, attempts=3):
    last_error = None
    for _ in range(attempts):
        try:
            return fetch()
        except ConnectionError as error:
            last_error = error.with_traceback(None)
    raise RuntimeError(f"gave up after {attempts} attempts") from last_error

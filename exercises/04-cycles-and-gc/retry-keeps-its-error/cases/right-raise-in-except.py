# Right: raise from inside the except block on the last attempt. Python deletes `error`
# when the block is left, even by an exception, so the frame keeps no exception.
def fetch_with_retry(fetch, attempts=3):
    for attempt in range(1, attempts + 1):
        try:
            return fetch()
        except ConnectionError as error:
            if attempt == attempts:
                raise RuntimeError(f"gave up after {attempts} attempts") from error
    raise AssertionError("unreachable: attempts is at least 1")

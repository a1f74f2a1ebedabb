# Wrong: clears last_error on the way out of a successful call, but not when it gives up:
# the RuntimeError's traceback refers to the frame, which still refers to last_error,
# whose traceback refers to the frame again.
def fetch_with_retry(fetch, attempts=3):
    last_error = None
    for _ in range(attempts):
        try:
            result = fetch()
        except ConnectionError as error:
            last_error = error
        else:
            last_error = None
            return result
    raise RuntimeError(f"gave up after {attempts} attempts") from last_error

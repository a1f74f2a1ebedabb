# Wrong: a collection inside the function cannot free the cycle, because the frame that
# is part of it is still running; the cycle is only garbage once the function returns.
import gc


def fetch_with_retry(fetch, attempts=3):
    last_error = None
    for _ in range(attempts):
        try:
            return fetch()
        except ConnectionError as error:
            last_error = error
            gc.collect()
    gc.collect()
    raise RuntimeError(f"gave up after {attempts} attempts") from last_error

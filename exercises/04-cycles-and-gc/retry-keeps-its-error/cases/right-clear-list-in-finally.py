# Right: what socket.create_connection does in the standard library: collect the errors in
# a list and clear the list in `finally`, on every way out of the function.
def fetch_with_retry(fetch, attempts=3):
    errors = []
    try:
        for _ in range(attempts):
            try:
                return fetch()
            except ConnectionError as error:
                errors.append(error)
        raise RuntimeError(f"gave up after {attempts} attempts") from errors[-1]
    finally:
        errors.clear()

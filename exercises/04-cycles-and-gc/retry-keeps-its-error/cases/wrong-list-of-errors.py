# Wrong: keeping the errors in a list instead of one variable changes nothing: the list is
# a local of the frame, and each error's traceback refers back to that frame.
def fetch_with_retry(fetch, attempts=3):
    errors = []
    for _ in range(attempts):
        try:
            return fetch()
        except ConnectionError as error:
            errors.append(error)
            del error
    raise RuntimeError(f"gave up after {attempts} attempts") from errors[-1]

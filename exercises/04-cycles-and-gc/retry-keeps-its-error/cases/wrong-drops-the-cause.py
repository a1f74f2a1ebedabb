# Wrong: keeps only the message, so there is no cycle, but the RuntimeError is no longer
# chained to the connection error (`from None`), which the task requires.
def fetch_with_retry(fetch, attempts=3):
    last_message = None
    for _ in range(attempts):
        try:
            return fetch()
        except ConnectionError as error:
            last_message = str(error)
    raise RuntimeError(f"gave up after {attempts} attempts (last: {last_message})") from None

"""The client the checks hand to fetch_with_retry(); this file runs beside your code."""


class Buffer(bytearray):
    """A receive buffer; unlike a plain bytearray, it can be watched with a weak reference."""


class FlakyClient:
    """`get()` fails with `error` for its first `failures` calls, then answers."""

    def __init__(self, failures, error=ConnectionError):
        self.failures = failures
        self.error = error
        self.calls = 0
        self.buffer = Buffer(100_000)

    def get(self):
        self.calls += 1
        buffer = self.buffer  # a local of this frame too, as in a real client
        if self.calls <= self.failures:
            raise self.error(f"call {self.calls} failed")
        return f"{len(buffer)} bytes after {self.calls} calls"


def raised_by(func, *args, **kwargs):
    """What `func(*args, **kwargs)` raised, as text: (type, message, cause type, cause message), or None.

    The exception is caught and dropped here, beside your code, as a caller would.
    """
    try:
        func(*args, **kwargs)
    except Exception as error:
        # No local for the cause: its traceback leads to a frame whose f_back is this one.
        return (type(error).__name__, str(error), type(error.__cause__).__name__, str(error.__cause__))
    return None

"""A pool the checks give your sessions; this file runs beside your code."""

from submission import HandlePool


class RecordingPool(HandlePool):
    """The exercise's pool, remembering every release so a double release shows up
    even where an exception would only be printed (inside a finalizer)."""

    def __init__(self):
        super().__init__()
        self.released = []

    def release(self, handle):
        self.released.append(handle)
        super().release(handle)

# Tries: finalize(self, pool.release, handle), and close() releases the handle directly.
# Wrong: the finalizer still runs when a closed session dies, and releases the handle twice.
import weakref


class HandlePool:
    """Stands in for a scarce resource, such as database connections."""

    def __init__(self):
        self.open_handles = set()
        self._last_handle = 0

    def acquire(self):
        self._last_handle += 1
        self.open_handles.add(self._last_handle)
        return self._last_handle

    def release(self, handle):
        if handle not in self.open_handles:
            raise RuntimeError(f"handle {handle} was released twice")
        self.open_handles.remove(handle)


class Session:
    def __init__(self, pool):
        self.pool = pool
        self.handle = pool.acquire()
        self.closed = False
        self._finalizer = weakref.finalize(self, pool.release, self.handle)

    def close(self):
        if not self.closed:
            self.pool.release(self.handle)
            self.closed = True

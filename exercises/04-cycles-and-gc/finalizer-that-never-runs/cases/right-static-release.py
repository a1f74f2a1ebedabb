# A static method as the callback, with what it needs (pool, handle) as arguments, and
# close() calling the finalizer, which runs at most once. Right.
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
        self._finalizer = weakref.finalize(self, Session._release, pool, self.handle)

    @staticmethod
    def _release(pool, handle):
        pool.release(handle)

    def close(self):
        self._finalizer()
        self.closed = True

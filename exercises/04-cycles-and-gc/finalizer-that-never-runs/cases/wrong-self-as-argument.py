# Tries: pass the plain function and the session as its argument. Wrong: finalize keeps its
# arguments too, so it still holds a strong reference to the session.
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
        self._finalizer = weakref.finalize(self, Session.close, self)

    def close(self):
        if not self.closed:
            self.pool.release(self.handle)
            self.closed = True

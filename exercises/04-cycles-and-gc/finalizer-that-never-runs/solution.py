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
        # The finalizer's callback and arguments live in weakref's registry until the
        # session dies, so they must not refer to the session itself (a bound method such
        # as `self.close` would, and the session could then never die). The pool and the
        # handle number are all that releasing needs.
        self._release = weakref.finalize(self, pool.release, self.handle)

    def close(self):
        # A finalize object runs its callback at most once, whether it is called here or
        # by the session's death, so there is no double release to guard against.
        self._release()

    @property
    def closed(self):
        return not self._release.alive

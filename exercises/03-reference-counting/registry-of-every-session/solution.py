import weakref


class Session:
    # The registry only needs to find the sessions that exist; it must not be what keeps
    # them existing. A WeakSet holds weak references and drops an entry by itself when its
    # session is freed, so it never grows with sessions that are gone.
    _all = weakref.WeakSet()

    def __init__(self, user):
        self.user = user
        self.closed = False
        self.data = {}
        Session._all.add(self)

    def close(self):
        self.closed = True

    @classmethod
    def active(cls):
        return [session for session in cls._all if not session.closed]

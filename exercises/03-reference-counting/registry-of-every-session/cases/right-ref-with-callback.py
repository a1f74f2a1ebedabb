# Right: a list of weak references, each made with a callback that removes it from the
# list when its session dies, so dead references never pile up.
import weakref


class Session:
    _all = []

    def __init__(self, user):
        self.user = user
        self.closed = False
        self.data = {}
        Session._all.append(weakref.ref(self, Session._all.remove))

    def close(self):
        self.closed = True

    @classmethod
    def active(cls):
        sessions = [ref() for ref in cls._all]
        return [session for session in sessions if session is not None and not session.closed]

# Wrong: weak references free the sessions, but the dead references themselves are never
# removed: the list grows by one weakref object per session ever made.
import weakref


class Session:
    _all = []

    def __init__(self, user):
        self.user = user
        self.closed = False
        self.data = {}
        Session._all.append(weakref.ref(self))

    def close(self):
        self.closed = True

    @classmethod
    def active(cls):
        sessions = (ref() for ref in cls._all)
        return [session for session in sessions if session is not None and not session.closed]

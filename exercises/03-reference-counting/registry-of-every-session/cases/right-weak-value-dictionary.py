# Right: a WeakValueDictionary keyed by a serial number; an entry disappears by itself when
# its session is freed (and the dictionary keeps creation order, as a bonus).
import itertools
import weakref


class Session:
    _all = weakref.WeakValueDictionary()
    _serials = itertools.count()

    def __init__(self, user):
        self.user = user
        self.closed = False
        self.data = {}
        Session._all[next(Session._serials)] = self

    def close(self):
        self.closed = True

    @classmethod
    def active(cls):
        return [session for session in list(cls._all.values()) if not session.closed]

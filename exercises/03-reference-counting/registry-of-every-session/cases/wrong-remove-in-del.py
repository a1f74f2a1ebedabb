# Wrong: __del__ runs when a session is freed, but the registry's reference is what keeps
# the session alive, so __del__ never runs and nothing is removed.
class Session:
    _all = []

    def __init__(self, user):
        self.user = user
        self.closed = False
        self.data = {}
        Session._all.append(self)

    def close(self):
        self.closed = True

    def __del__(self):
        Session._all.remove(self)

    @classmethod
    def active(cls):
        return [session for session in cls._all if not session.closed]

# Wrong: removes a session from the registry when it is closed, but a session the server
# drops without closing it stays in the list for ever.
class Session:
    _all = []

    def __init__(self, user):
        self.user = user
        self.closed = False
        self.data = {}
        Session._all.append(self)

    def close(self):
        self.closed = True
        Session._all.remove(self)

    @classmethod
    def active(cls):
        return [session for session in cls._all if not session.closed]

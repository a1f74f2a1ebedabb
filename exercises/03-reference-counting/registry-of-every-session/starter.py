class Session:
    _all = []

    def __init__(self, user):
        self.user = user
        self.closed = False
        self.data = {}
        Session._all.append(self)

    def close(self):
        self.closed = True

    @classmethod
    def active(cls):
        return [session for session in cls._all if not session.closed]

# Wrong: emptying `data` on close frees the cart of a closed session, but the session
# itself stays registered for ever, and a session dropped without closing keeps its data.
class Session:
    _all = []

    def __init__(self, user):
        self.user = user
        self.closed = False
        self.data = {}
        Session._all.append(self)

    def close(self):
        self.closed = True
        self.data = {}

    @classmethod
    def active(cls):
        return [session for session in cls._all if not session.closed]

# A dict of weak references, pruned of dead ones whenever a profile must be loaded: the
# cache never holds more dead entries than were freed since the last load. Right.
import weakref


class Profile:
    def __init__(self, user_id):
        self.user_id = user_id
        self.settings = {"theme": "light"}


load_count = 0
_cache = {}  # user_id -> weakref.ref(Profile)


def _load(user_id):
    global load_count
    load_count += 1  # stands in for a slow database query
    return Profile(user_id)


def get_profile(user_id):
    ref = _cache.get(user_id)
    profile = ref() if ref is not None else None
    if profile is None:
        for dead in [key for key, value in _cache.items() if value() is None]:
            del _cache[dead]
        profile = _load(user_id)
        _cache[user_id] = weakref.ref(profile)
    return profile

# Tries: keep a weakref.ref per user in a plain dict. Wrong: profiles are freed, but the
# dead weak references stay in the dict for ever: every user ever seen leaves an entry.
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
        profile = _load(user_id)
        _cache[user_id] = weakref.ref(profile)
    return profile

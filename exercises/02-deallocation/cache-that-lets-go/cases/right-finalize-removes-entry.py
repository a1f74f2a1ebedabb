# weakref.finalize removes a profile's entry when the profile dies; the dict keeps weak
# references only. Right.
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


def _drop(user_id, ref):
    if _cache.get(user_id) is ref:
        del _cache[user_id]


def get_profile(user_id):
    ref = _cache.get(user_id)
    profile = ref() if ref is not None else None
    if profile is None:
        profile = _load(user_id)
        ref = _cache[user_id] = weakref.ref(profile)
        weakref.finalize(profile, _drop, user_id, ref)
    return profile

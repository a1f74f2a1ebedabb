# A dict of weak references whose callback removes the entry the moment its profile is
# freed (only if the entry is still that reference: the user may have been loaded again).
# Right.
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


def _forget(user_id):
    def callback(ref):
        if _cache.get(user_id) is ref:
            del _cache[user_id]

    return callback


def get_profile(user_id):
    ref = _cache.get(user_id)
    profile = ref() if ref is not None else None
    if profile is None:
        profile = _load(user_id)
        _cache[user_id] = weakref.ref(profile, _forget(user_id))
    return profile

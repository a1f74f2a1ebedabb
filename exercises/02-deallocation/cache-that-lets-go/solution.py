import weakref


class Profile:
    def __init__(self, user_id):
        self.user_id = user_id
        self.settings = {"theme": "light"}


load_count = 0
# Values are weak references: the cache can hand out a profile that is in use
# elsewhere, but an entry vanishes by itself once its profile is freed.
_cache = weakref.WeakValueDictionary()


def _load(user_id):
    global load_count
    load_count += 1  # stands in for a slow database query
    return Profile(user_id)


def get_profile(user_id):
    profile = _cache.get(user_id)
    if profile is None:
        profile = _load(user_id)
        _cache[user_id] = profile
    return profile

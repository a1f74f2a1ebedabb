# Tries: a WeakValueDictionary, but it also returns a weak proxy instead of the profile.
# Wrong: a proxy is not the profile, so `is` fails, and it dies with the cache's entry.
import weakref


class Profile:
    def __init__(self, user_id):
        self.user_id = user_id
        self.settings = {"theme": "light"}


load_count = 0
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
    return weakref.proxy(profile)

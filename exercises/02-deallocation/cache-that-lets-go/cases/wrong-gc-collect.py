# Tries: run the cycle collector now and then. Wrong: a dict entry is a live reference,
# not a cycle: gc.collect() frees nothing the cache holds.
import gc


class Profile:
    def __init__(self, user_id):
        self.user_id = user_id
        self.settings = {"theme": "light"}


load_count = 0
_cache = {}


def _load(user_id):
    global load_count
    load_count += 1  # stands in for a slow database query
    return Profile(user_id)


def get_profile(user_id):
    profile = _cache.get(user_id)
    if profile is None:
        gc.collect()
        profile = _load(user_id)
        _cache[user_id] = profile
    return profile

# Tries: cache a copy of each profile and hand out the copy. Wrong: two requests for the
# same user get different objects (they no longer see each other's changes), and the
# cache still keeps every copy alive.
import copy


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
    if user_id not in _cache:
        _cache[user_id] = _load(user_id)
    return copy.deepcopy(_cache[user_id])

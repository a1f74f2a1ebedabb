# Tries: a module-level empty list as the "no basket" marker. Wrong: the marker itself is
# used as the basket, so every call without a basket still shares that one list.
_NO_BASKET = []


def add_item(item, basket=_NO_BASKET):
    """Append `item` to `basket` (a new basket if none is given) and return the basket."""
    basket.append(item)
    return basket

# A private sentinel object instead of None marks "no basket given" (so None could even be
# passed meaningfully); a new list is made inside each call. Right.
_MISSING = object()


def add_item(item, basket=_MISSING):
    """Append `item` to `basket` (a new basket if none is given) and return the basket."""
    if basket is _MISSING:
        basket = []
    basket.append(item)
    return basket

def add_item(item, basket=None):
    """Append `item` to `basket` (a new basket if none is given) and return the basket."""
    # The default is evaluated once, at `def` time; a mutable default would be
    # one list shared by every call. None is immutable, so sharing it is harmless.
    if basket is None:
        basket = []
    basket.append(item)
    return basket

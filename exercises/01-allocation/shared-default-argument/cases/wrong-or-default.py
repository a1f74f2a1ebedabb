# Tries: `basket = basket or []`. Wrong: an empty basket passed in is falsy, so it is
# replaced by a new list: the caller's empty basket never gets the item.
def add_item(item, basket=None):
    """Append `item` to `basket` (a new basket if none is given) and return the basket."""
    basket = basket or []
    basket.append(item)
    return basket

def add_item(item, basket=[]):
    """Append `item` to `basket` (a new basket if none is given) and return the basket."""
    basket.append(item)
    return basket

# None as the default and a conditional expression: `is None`, so an empty basket passed
# in is still used. Right.
def add_item(item, basket=None):
    """Append `item` to `basket` (a new basket if none is given) and return the basket."""
    basket = [] if basket is None else basket
    basket.append(item)
    return basket

# Tries: never mutate the default: work on a copy of whatever basket arrives. Wrong: a
# basket passed in must be appended to and returned itself, not a copy of it.
def add_item(item, basket=[]):  # noqa: B006 (the default is never mutated here)
    """Append `item` to `basket` (a new basket if none is given) and return the basket."""
    basket = list(basket)
    basket.append(item)
    return basket

# Tries: empty the default list at each call. Wrong: there is still one list; the first
# customer's basket is emptied and refilled by the second customer.
def add_item(item, basket=[]):  # noqa: B006 (the mistake this case tries)
    """Append `item` to `basket` (a new basket if none is given) and return the basket."""
    if basket is add_item.__defaults__[0]:
        basket.clear()
    basket.append(item)
    return basket

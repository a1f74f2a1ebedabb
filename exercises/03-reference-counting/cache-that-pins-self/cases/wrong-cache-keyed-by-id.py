# Wrong: a module-level cache keyed by id(self) does not keep the price lists alive, but
# it keeps one entry per price list for ever (and a new price list that reuses a freed
# one's address would get the old prices).
_prices = {}


class PriceList:
    def __init__(self, supplier, discount):
        self.supplier = supplier
        self.discount = discount

    def price(self, sku):
        key = (id(self), sku)
        if key not in _prices:
            _prices[key] = round(self.supplier.lookup(sku) * (1 - self.discount), 2)
        return _prices[key]

import functools


class PriceList:
    def __init__(self, supplier, discount):
        self.supplier = supplier
        self.discount = discount

    @functools.lru_cache(maxsize=None)
    def price(self, sku):
        return round(self.supplier.lookup(sku) * (1 - self.discount), 2)

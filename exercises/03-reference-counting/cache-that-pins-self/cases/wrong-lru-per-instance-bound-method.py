# Wrong: a cache per instance, but it wraps the bound method self._price, which refers to
# self, and is stored on self: a reference cycle that only the cycle collector frees.
import functools


class PriceList:
    def __init__(self, supplier, discount):
        self.supplier = supplier
        self.discount = discount
        self.price = functools.lru_cache(maxsize=None)(self._price)

    def _price(self, sku):
        return round(self.supplier.lookup(sku) * (1 - self.discount), 2)

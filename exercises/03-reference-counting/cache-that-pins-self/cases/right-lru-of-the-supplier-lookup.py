# Right: an lru_cache per instance around the supplier's lookup, which does not refer to
# the price list, so there is no cycle; the discount is applied on every call.
import functools


class PriceList:
    def __init__(self, supplier, discount):
        self.supplier = supplier
        self.discount = discount
        self._lookup = functools.lru_cache(maxsize=None)(supplier.lookup)

    def price(self, sku):
        return round(self._lookup(sku) * (1 - self.discount), 2)

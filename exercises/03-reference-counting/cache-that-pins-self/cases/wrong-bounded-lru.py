# Wrong: a bounded lru_cache is still one cache for the whole class, whose keys hold
# `self`: it pins the last 32 price lists instead of all of them.
import functools


class PriceList:
    def __init__(self, supplier, discount):
        self.supplier = supplier
        self.discount = discount

    @functools.lru_cache(maxsize=32)  # noqa: B019 (the bug)
    def price(self, sku):
        return round(self.supplier.lookup(sku) * (1 - self.discount), 2)

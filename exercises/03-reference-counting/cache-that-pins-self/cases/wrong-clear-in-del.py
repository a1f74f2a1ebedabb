# Wrong: clears the class-wide cache in __del__, but __del__ only runs when the object is
# freed, and the cache is what keeps it alive: it never runs.
import functools


class PriceList:
    def __init__(self, supplier, discount):
        self.supplier = supplier
        self.discount = discount

    @functools.cache  # noqa: B019 (the bug)
    def price(self, sku):
        return round(self.supplier.lookup(sku) * (1 - self.discount), 2)

    def __del__(self):
        PriceList.price.cache_clear()

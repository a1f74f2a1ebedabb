class PriceList:
    def __init__(self, supplier, discount):
        self.supplier = supplier
        self.discount = discount
        # One cache per price list, owned by it: it is freed with the price list. (An
        # lru_cache on the method is one cache for the whole class, whose keys hold
        # `self`, so it kept every price list alive.)
        self._prices = {}

    def price(self, sku):
        if sku not in self._prices:
            self._prices[sku] = round(self.supplier.lookup(sku) * (1 - self.discount), 2)
        return self._prices[sku]

# Wrong: removing the cache frees every price list, but every call asks the supplier again.
class PriceList:
    def __init__(self, supplier, discount):
        self.supplier = supplier
        self.discount = discount

    def price(self, sku):
        return round(self.supplier.lookup(sku) * (1 - self.discount), 2)

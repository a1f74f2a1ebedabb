# Wrong: turns the collector back on in `finally`, on every way out, but also when the
# caller had paused it: a library function must not change the caller's setting.
import gc


class Product:
    def __init__(self, sku, name, price):
        self.sku = sku
        self.name = name
        self.price = price


def load_catalog(rows):
    gc.disable()
    try:
        catalog = {}
        for row in rows:
            product = Product(row["sku"], row["name"], float(row["price"]))
            catalog[product.sku] = product
        return catalog
    finally:
        gc.enable()

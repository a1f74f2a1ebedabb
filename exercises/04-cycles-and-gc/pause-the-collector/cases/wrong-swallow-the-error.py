# Wrong: swallows the bad row's exception to reach gc.enable(); the collector is back, but
# the caller no longer learns that the file was invalid.
import gc


class Product:
    def __init__(self, sku, name, price):
        self.sku = sku
        self.name = name
        self.price = price


def load_catalog(rows):
    was_enabled = gc.isenabled()
    gc.disable()
    catalog = {}
    try:
        for row in rows:
            product = Product(row["sku"], row["name"], float(row["price"]))
            catalog[product.sku] = product
    except (ValueError, KeyError):
        pass
    if was_enabled:
        gc.enable()
    return catalog

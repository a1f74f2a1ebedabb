# Wrong: collects on failure instead of turning the collector back on: the garbage of the
# moment is freed, but the collector stays off, so every later cycle leaks.
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
    except Exception:
        gc.collect()
        raise
    if was_enabled:
        gc.enable()
    return catalog

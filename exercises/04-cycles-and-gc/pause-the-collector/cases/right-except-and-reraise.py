# Right: restores the saved state both in the exception handler (then re-raises) and after
# the loop; no finally, but every way out is covered.
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
    except BaseException:
        if was_enabled:
            gc.enable()
        raise
    if was_enabled:
        gc.enable()
    return catalog

import gc


class Product:
    def __init__(self, sku, name, price):
        self.sku = sku
        self.name = name
        self.price = price


def load_catalog(rows):
    """Build {sku: Product} from rows, with the cycle collector paused for speed."""
    # Remember the caller's setting: if the caller had paused the collector, it must stay
    # paused. `finally` restores it on every way out, including a bad row's exception,
    # after which a disabled collector would turn every future cycle into a leak.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        catalog = {}
        for row in rows:
            product = Product(row["sku"], row["name"], float(row["price"]))
            catalog[product.sku] = product
        return catalog
    finally:
        if was_enabled:
            gc.enable()

# Wrong: never pausing the collector cannot leave it off, but the load is slow again: the
# task is to keep the pause and restore the setting.
class Product:
    def __init__(self, sku, name, price):
        self.sku = sku
        self.name = name
        self.price = price


def load_catalog(rows):
    catalog = {}
    for row in rows:
        product = Product(row["sku"], row["name"], float(row["price"]))
        catalog[product.sku] = product
    return catalog

# Right: a reusable context manager that saves the setting, pauses, and restores the
# setting on the way out whatever happened.
import contextlib
import gc


class Product:
    def __init__(self, sku, name, price):
        self.sku = sku
        self.name = name
        self.price = price


@contextlib.contextmanager
def collector_paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_catalog(rows):
    with collector_paused():
        return {row["sku"]: Product(row["sku"], row["name"], float(row["price"])) for row in rows}

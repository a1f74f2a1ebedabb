import weakref


class Sales(list):
    """One day's sales amounts, as the database returns them."""


handed_out = []  # weak references to every day's sales that load_day returned
held_at_load = []  # for each load_day call: how many earlier days' sales were still held
held_at_upload = []  # for each upload call: how many days' sales were still held
uploads = []


def held_days():
    """How many days' sales are still alive (and not emptied)."""
    return sum(1 for ref in handed_out if ref() is not None and len(ref()) > 0)


def reset():
    for kept in (handed_out, held_at_load, held_at_upload, uploads):
        kept.clear()


def load_day(day, size=2_000):
    held_at_load.append(held_days())
    sales = Sales(((day * 7919 + i * 104729) % 10000) / 100 for i in range(size))
    handed_out.append(weakref.ref(sales))
    return sales


def upload(totals):
    held_at_upload.append(held_days())
    uploads.append(dict(totals))

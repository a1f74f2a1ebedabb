# Looks only at the second snapshot: the line holding the most memory is not the line
# that grew (here the catalog, built once, holds more than the leak). Wrong.
"""A leak finder, and the request handlers of a small shop to try it on."""

import tracemalloc


def growing_line(action, calls=50, min_growth=1024):
    """(filename, lineno) of the line whose memory grows the most while action() is called
    repeatedly, after one warm-up call; None if it grew by less than min_growth bytes."""
    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    try:
        action()  # warm-up: what only the first call builds is not a leak
        before = tracemalloc.take_snapshot()
        for _ in range(calls):
            action()
        after = tracemalloc.take_snapshot()
    finally:
        if started_here:
            tracemalloc.stop()
    # The first snapshot was itself allocated while tracing: leave tracemalloc's own
    # memory out, or the tool finds itself.
    own = (tracemalloc.Filter(False, tracemalloc.__file__),)
    before, after = before.filter_traces(own), after.filter_traces(own)
    # compare_to sorts by the size of the change, freed memory included: keep growth only.
    held = after.statistics("lineno")
    if not held:
        return None
    top = held[0]
    if top.size < min_growth:
        return None
    frame = top.traceback[0]
    return (frame.filename, frame.lineno)


# ---------------------------------------------------------------------------------------
# The shop's request handlers: given, do not change them (the checks call them).
# ---------------------------------------------------------------------------------------

_catalog = None  # product id -> name, loaded on first use
_audit_log = []  # every product view, "for the statistics"
_outbox = []  # e-mails waiting to be sent


def restart():
    """Forgets everything, as a restarted server would."""
    global _catalog
    _catalog = None
    _audit_log.clear()
    _outbox.clear()


def _load_catalog():
    global _catalog
    if _catalog is None:
        _catalog = {product_id: f"Product #{product_id:05}" for product_id in range(300)}
    return _catalog


def view_product(user, product_id):
    name = _load_catalog()[product_id]
    _audit_log.append(f"{user} viewed {name} (id {product_id}) on the product page")
    return name


def search(text):
    matches = [name for name in _load_catalog().values() if text in name]
    return len(matches)


def queue_email(user, text):
    _outbox.append({"to": user, "body": f"Dear {user},\n\n{text}\n" * 4})


def send_next_email():
    if _outbox:
        _outbox.pop(0)

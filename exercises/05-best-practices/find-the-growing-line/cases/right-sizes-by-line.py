# Builds {(file, line): size} from each snapshot's statistics and subtracts them by hand,
# skipping tracemalloc's own file. Right: the same growth, computed without compare_to.
import tracemalloc


def _sizes(snapshot):
    return {
        (stat.traceback[0].filename, stat.traceback[0].lineno): stat.size
        for stat in snapshot.statistics("lineno")
        if stat.traceback[0].filename != tracemalloc.__file__
    }


def growing_line(action, calls=50, min_growth=1024):
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        action()
        before = _sizes(tracemalloc.take_snapshot())
        for _ in range(calls):
            action()
        after = _sizes(tracemalloc.take_snapshot())
    finally:
        if not was_tracing:
            tracemalloc.stop()
    best, best_growth = None, 0
    for line, size in after.items():
        growth = size - before.get(line, 0)
        if growth > best_growth:
            best, best_growth = line, growth
    return best if best_growth >= min_growth else None


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

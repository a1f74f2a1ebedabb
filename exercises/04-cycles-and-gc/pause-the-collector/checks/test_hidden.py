import gc

from submission import load_catalog


def catalog_rows(count, bad_at=None, missing_at=None):
    for n in range(count):
        row = {"sku": f"P{n}", "name": f"part {n}", "price": "bad" if n == bad_at else str(n)}
        if n == missing_at:
            del row["price"]
        yield row


def outcome(rows):
    try:
        return sorted(load_catalog(rows))
    except (ValueError, KeyError) as error:
        return type(error).__name__


def test_a_caller_that_paused_the_collector_keeps_it_paused():
    gc.disable()
    try:
        after_success = (outcome(catalog_rows(3)), gc.isenabled())
        after_failure = (outcome(catalog_rows(3, bad_at=1)), gc.isenabled())
    finally:
        gc.enable()
    assert after_success == (["P0", "P1", "P2"], False), (
        "the caller had paused the collector; load_catalog turned it back on"
    )
    assert after_failure == ("ValueError", False), "the caller had paused the collector; a failed load turned it on"


def test_every_failure_restores_the_collector_and_propagates():
    gc.enable()
    assert outcome(catalog_rows(4, missing_at=3)) == "KeyError", "a row without a price should raise KeyError"
    assert gc.isenabled(), "the collector should be running again after a KeyError"
    assert outcome(catalog_rows(4, bad_at=0)) == "ValueError"
    assert gc.isenabled(), "the collector should be running again after a ValueError"


def test_empty_and_repeated_loads():
    gc.enable()
    assert load_catalog([]) == {}
    for size in (1, 10, 100):
        assert len(load_catalog(catalog_rows(size))) == size
    assert gc.isenabled()

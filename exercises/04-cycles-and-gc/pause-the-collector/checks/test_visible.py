import gc

from submission import load_catalog


def rows(count, bad_at=None):
    """Rows lent to load_catalog; each one notes whether the collector was running when it was read."""
    seen_running = []

    def generate():
        for n in range(count):
            seen_running.append(gc.isenabled())
            yield {"sku": f"S{n}", "name": f"item {n}", "price": "n/a" if n == bad_at else f"{n}.25"}

    return generate(), seen_running


def test_catalog_is_built_with_the_collector_paused():
    gc.enable()
    source, seen_running = rows(5)
    catalog = load_catalog(source)
    assert sorted(catalog) == ["S0", "S1", "S2", "S3", "S4"]
    assert catalog["S3"].price == 3.25 and catalog["S3"].name == "item 3"
    assert seen_running == [False] * 5, "the collector should be paused while the rows are read"
    assert gc.isenabled(), "the collector should be running again after the load"


def test_a_bad_row_does_not_leave_the_collector_off():
    gc.enable()
    source, _ = rows(5, bad_at=2)
    try:
        load_catalog(source)
    except ValueError:
        pass
    else:
        raise AssertionError("a row with a bad price should raise ValueError")
    running = gc.isenabled()
    gc.enable()
    assert running, (
        "after a bad row, the collector is still paused: `gc.enable()` was skipped by the "
        "exception, and from now on every reference cycle is a permanent leak. Restore the "
        "collector on every way out of the function."
    )

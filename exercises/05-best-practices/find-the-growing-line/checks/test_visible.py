import submission
from fixtures import tracing
from submission import growing_line, restart, search, view_product


def line_of(handler, offset):
    """(filename, line) `offset` lines below the `def` of one of the shop's handlers."""
    code = handler.__code__
    return (code.co_filename, code.co_firstlineno + offset)


def test_finds_the_line_that_leaks():
    restart()  # the catalog is loaded again on the first call: that is not the leak
    found = growing_line(lambda: view_product("ada", 7), calls=25)
    assert found == line_of(view_product, 2), (
        f"growing_line() answered {found}; the line that keeps memory after every view is "
        f"{line_of(view_product, 2)} (`_audit_log.append(...)`). "
        + (
            "You found the catalog, which is built once, on the first call: call the action once "
            "before the first snapshot."
            if found == line_of(submission._load_catalog, 3)
            else "Compare a snapshot taken before the calls with one taken after, by 'lineno'."
        )
    )


def test_nothing_grows_nothing_found():
    restart()
    assert growing_line(lambda: search("7"), calls=25) is None, (
        "search() keeps nothing between calls (its list of matches is freed when it returns): "
        "growing_line() should answer None when no line grew by min_growth bytes"
    )


def test_tracemalloc_is_left_as_found():
    assert tracing() is False
    growing_line(lambda: search("1"), calls=5)
    assert tracing() is False, "growing_line() started tracemalloc and left it running: stop it if you started it"

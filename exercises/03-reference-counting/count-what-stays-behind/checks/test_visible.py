from fixtures import Box, Shelf
from submission import references_left


def test_each_stored_reference_counts():
    shelf, box = Shelf(), Box()
    assert references_left(shelf.put, box) == 1
    assert references_left(shelf.put_twice, box) == 2, (
        "the shelf's list now holds the box twice more: two references, though the list is one "
        "referrer. Count references (`sys.getrefcount`), not referrers (`gc.get_referrers`)."
    )


def test_what_the_action_returns_does_not_count():
    shelf, box = Shelf(), Box()
    assert references_left(shelf.look, box) == 0, (
        "`look` returns the box and keeps nothing, but the returned value was counted: do not "
        "keep the action's result while you count"
    )

import gc

from fixtures import Item
from leakless import freed_by_refcount, gc_paused
from submission import total_size


def home_tree():
    shared = Item("photos", 500)
    return Item("home", 1, [Item("me", 2, [shared, Item("notes", 40)]), Item("you", 3, [shared])])


def test_shared_items_count_once():
    assert total_size(home_tree()) == 546
    assert total_size(Item("empty", 0)) == 0


def test_the_tree_is_freed_after_the_call():
    def walk_a_tree():
        root = home_tree()
        total_size(root)
        return root

    freed_by_refcount(
        walk_a_tree,
        msg=(
            "the tree is still alive after the call although the caller dropped it: something "
            "made by `total_size` still refers to the items. Look at `visit.__closure__`."
        ),
    )


def test_a_call_leaves_no_reference_cycle():
    root = home_tree()
    gc.collect()
    with gc_paused():
        total_size(root)
        left = gc.collect()
    assert left == 0, (
        f"one call of total_size left {left} objects that only the cycle collector can free: "
        "`visit` calls itself, so its closure cell refers to the function, which refers to "
        "the cell. Emptying `seen` is not enough; the helper must not refer to itself."
    )

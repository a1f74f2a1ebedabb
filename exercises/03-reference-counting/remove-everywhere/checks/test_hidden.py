from leakless import freed_by_refcount, refcount_delta
from submission import Inventory, Item


def test_last_added_is_none_after_removing_it():
    inventory = Inventory()
    inventory.add(Item("apple", 3))
    inventory.add(Item("pear", 5))
    inventory.remove("pear")
    assert inventory.last_added is None, "after removing the last added item, `last_added` should be None"


def test_add_then_remove_leaves_no_reference_behind():
    inventory = Inventory()
    inventory.add(Item("apple", 3))
    fig = Item("fig", 2)

    def add_then_remove():
        inventory.add(fig)
        inventory.remove("fig")

    delta = refcount_delta(fig, add_then_remove)
    assert delta == 0, (
        f"adding an item and removing it again changed its reference count by {delta}: "
        "the inventory should hold no reference to a removed item"
    )


def test_every_item_is_freed_when_all_are_removed():
    inventory = Inventory()
    names = [f"item{n}" for n in range(20)]

    def fill_then_empty():
        for position, name in enumerate(names):
            inventory.add(Item(name, position))
        removed = [inventory.remove(name) for name in reversed(names)]
        return tuple(removed)

    freed_by_refcount(fill_then_empty, msg="items removed from the inventory should all be freed")
    assert inventory.items == [] and inventory.by_name == {} and inventory.last_added is None

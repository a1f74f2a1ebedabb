from leakless import freed_by_refcount
from submission import Inventory, Item


def test_removed_item_is_freed():
    inventory = Inventory()
    inventory.add(Item("apple", 3))

    def add_then_remove_pear():
        inventory.add(Item("pear", 5, payload=bytearray(10_000)))
        return inventory.remove("pear")

    freed_by_refcount(
        add_then_remove_pear,
        msg=(
            "The removed `Item` is still alive after `remove()` returned and the caller "
            "dropped it, so the inventory still refers to it. `add()` stored it in "
            "`items`, in `by_name` and in `last_added`: which of them does `remove()` forget?"
        ),
    )


def test_remove_returns_the_item_and_keeps_the_others():
    inventory = Inventory()
    apple, pear, kiwi = Item("apple", 3), Item("pear", 5), Item("kiwi", 1)
    for item in (apple, pear, kiwi):
        inventory.add(item)

    removed = inventory.remove("pear")

    assert removed is pear, "`remove(name)` should return the item it removed"
    assert inventory.items == [apple, kiwi], "the other items should stay, in their order"
    assert inventory.get("kiwi") is kiwi
    assert "pear" not in inventory.by_name, "`get('pear')` should raise KeyError after removing it"
    assert inventory.last_added is kiwi, "removing another item should not change `last_added`"

import gc

from fixtures import Item
from leakless import freed_by_refcount, gc_paused
from submission import total_size


def chain(depth):
    root = item = Item("level0", 1)
    for level in range(1, depth):
        child = Item(f"level{level}", level + 1)
        item.children.append(child)
        item = child
    return root


def test_deep_and_wide_trees():
    assert total_size(chain(60)) == 60 * 61 // 2
    leaves = [Item(f"leaf{n}", n) for n in range(50)]
    assert total_size(Item("wide", 7, leaves)) == 7 + sum(range(50))


def test_items_with_equal_names_and_sizes_are_different_items():
    twins = Item("root", 0, [Item("same", 5), Item("same", 5)])
    assert total_size(twins) == 10


def test_an_item_linked_from_many_places_counts_once():
    shared = Item("blob", 1_000)
    diamond = Item("top", 1, [Item(f"mid{n}", 10, [shared, Item("leaf", 2, [shared])]) for n in range(4)])
    assert total_size(diamond) == 1 + 4 * 12 + 1_000


def test_every_item_is_freed_after_walking_a_deep_tree():
    def walk():
        root = chain(50)
        assert total_size(root) == 50 * 51 // 2
        return root, root.children[0].children[0]

    freed_by_refcount(walk, msg="the items of a walked tree should all be freed when the caller drops the tree")


def test_many_calls_leave_no_garbage():
    trees = [chain(20) for _ in range(10)]
    gc.collect()
    with gc_paused():
        for tree in trees:
            total_size(tree)
        left = gc.collect()
    assert left == 0, f"ten calls of total_size left {left} objects that only the cycle collector can free"

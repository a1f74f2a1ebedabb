from leakless import assert_not_in_cycle, freed_by_refcount
from submission import Node


def build_tree():
    """home/ with docs/ and music/, each holding three files; returns the root."""
    root = Node("home")
    for folder_name in ("docs", "music"):
        folder = Node(folder_name, parent=root)
        for number in range(3):
            Node(f"{folder_name}-{number}.txt", parent=folder)
    return root


def test_parent_and_path():
    root = build_tree()
    docs = root.children[0]
    first_file = docs.children[0]
    assert docs.parent is root, (
        "`docs.parent` should be the root node itself (a `weakref.proxy` or the weak reference "
        "object is not the node: call the weak reference and return what it gives)"
    )
    assert first_file.parent is docs
    assert root.parent is None, "the root has no parent"
    assert first_file.path() == "home/docs/docs-0.txt"


def test_tree_is_freed_without_the_cycle_collector():
    freed_by_refcount(
        build_tree,
        msg=(
            "`Node` objects are still alive after `del`: something still refers to them "
            "— look at `parent`. A child's `parent` refers to its parent, whose `children` "
            "refers back to the child: a cycle that reference counting cannot free."
        ),
    )


def test_child_is_not_in_a_reference_cycle():
    root = build_tree()
    assert_not_in_cycle(
        root.children[1],
        msg="a child node can still reach itself by following references (child → parent → children → child)",
    )

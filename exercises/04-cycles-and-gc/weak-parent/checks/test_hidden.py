from leakless import count_instances, freed_by_refcount, gc_paused

from submission import Node


def test_deep_chain_path_and_parents():
    root = node = Node("n0")  # the tree is owned from its root: keep the root
    for depth in range(1, 60):
        node = Node(f"n{depth}", parent=node)
    assert node.path() == "/".join(f"n{depth}" for depth in range(60))
    assert node.parent.parent.name == "n57"


def test_every_node_of_a_wide_tree_is_freed():
    def wide_tree():
        root = Node("r")
        leaves = []
        for a in range(4):
            middle = Node(f"m{a}", parent=root)
            for b in range(5):
                leaves.append(Node(f"l{a}{b}", parent=middle))
        return (root, *leaves[::4])

    freed_by_refcount(wide_tree, msg="dropping the root should free every node below it")


def test_no_node_is_left_behind():
    with gc_paused():
        before = count_instances(Node)
        root = Node("r")
        for index in range(10):
            Node(str(index), parent=Node(f"d{index}", parent=root))
        assert count_instances(Node) == before + 21
        del root
        assert count_instances(Node) == before, "nodes should all be gone once the root is dropped"


def test_orphan_child_has_no_parent():
    root = Node("root")
    keep = Node("child", parent=Node("middle", parent=root))
    del root
    middle = keep.parent
    assert middle is None, "a child whose parent was freed should report `parent` as None"
    assert keep.path() == "child"

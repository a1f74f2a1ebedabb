from leakless import freed_by_refcount
from submission import Node


def test_deep_chain_path_and_parents():
    root = node = Node("n0")  # the tree is owned from its root: keep the root
    for depth in range(1, 60):
        node = Node(f"n{depth}", parent=node)
    assert node.path() == "/".join(f"n{depth}" for depth in range(60))
    assert node.parent.parent.name == "n57"
    del root


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
    def every_node_of_a_tree():
        root = Node("r")
        made = [root]
        for index in range(10):
            folder = Node(f"d{index}", parent=root)
            made += [folder, Node(str(index), parent=folder)]
        return made

    freed_by_refcount(every_node_of_a_tree, msg="every node should be freed once the tree's root is dropped")


def test_orphan_child_has_no_parent():
    root = Node("root")
    keep = Node("child", parent=Node("middle", parent=root))
    del root
    middle = keep.parent
    assert middle is None, "a child whose parent was freed should report `parent` as None"
    assert keep.path() == "child"

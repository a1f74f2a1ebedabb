import weakref


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.children = []
        # Parents own their children (strong references down the tree); children only
        # point back up with a weak reference, so the tree has no reference cycle and
        # dropping the root frees everything by reference counting alone.
        self._parent = None if parent is None else weakref.ref(parent)
        if parent is not None:
            parent.children.append(self)

    @property
    def parent(self):
        # A dead weak reference returns None, which is also what a root returns.
        return None if self._parent is None else self._parent()

    def path(self):
        names = []
        node = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return "/".join(reversed(names))

    def __repr__(self):
        return f"Node({self.name!r})"

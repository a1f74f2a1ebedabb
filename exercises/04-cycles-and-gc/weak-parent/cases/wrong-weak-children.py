# Tries: make the children weak instead of the parent. Wrong: then nothing owns the
# children: a node that only its parent refers to is freed at once, and the tree falls apart.
import weakref


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self._children = weakref.WeakSet()
        self.parent = parent
        if parent is not None:
            parent._children.add(self)

    @property
    def children(self):
        return list(self._children)

    def path(self):
        names = []
        node = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return "/".join(reversed(names))

    def __repr__(self):
        return f"Node({self.name!r})"

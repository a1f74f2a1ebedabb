# parent is a property over a weak reference, with a setter, so `node.parent = other`
# keeps working; a dead reference reads as None. Right.
import weakref


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.children = []
        self._parent_ref = None
        self.parent = parent
        if parent is not None:
            parent.children.append(self)

    @property
    def parent(self):
        return self._parent_ref() if self._parent_ref is not None else None

    @parent.setter
    def parent(self, node):
        self._parent_ref = weakref.ref(node) if node is not None else None

    def path(self):
        names = []
        node = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return "/".join(reversed(names))

    def __repr__(self):
        return f"Node({self.name!r})"

# Tries: store weakref.proxy(parent). Wrong: a proxy is not the parent Node (`docs.parent
# is root` is False), and touching it after the parent died raises ReferenceError.
import weakref


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.children = []
        self.parent = None if parent is None else weakref.proxy(parent)
        if parent is not None:
            parent.children.append(self)

    def path(self):
        names = []
        node = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return "/".join(reversed(names))

    def __repr__(self):
        return f"Node({self.name!r})"

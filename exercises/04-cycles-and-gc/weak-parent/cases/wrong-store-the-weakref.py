# Tries: self.parent = weakref.ref(parent). Wrong: `parent` is then the weak reference
# object, not the Node: callers get something they must call first.
import weakref


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.children = []
        self.parent = None if parent is None else weakref.ref(parent)
        if parent is not None:
            parent.children.append(self)

    def path(self):
        names = []
        node = self
        while node is not None:
            names.append(node.name)
            node = None if node.parent is None else node.parent()
        return "/".join(reversed(names))

    def __repr__(self):
        return f"Node({self.name!r})"

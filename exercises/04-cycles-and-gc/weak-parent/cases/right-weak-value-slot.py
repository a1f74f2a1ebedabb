# Keeps the parent in a one-entry WeakValueDictionary: the entry vanishes when the parent
# is freed, so `parent` reads None then. Right (heavier than weakref.ref, same effect).
import weakref


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.children = []
        self._up = weakref.WeakValueDictionary()
        if parent is not None:
            self._up["parent"] = parent
            parent.children.append(self)

    @property
    def parent(self):
        return self._up.get("parent")

    def path(self):
        names = []
        node = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return "/".join(reversed(names))

    def __repr__(self):
        return f"Node({self.name!r})"

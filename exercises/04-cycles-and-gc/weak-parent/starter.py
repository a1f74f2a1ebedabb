class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.children = []
        self.parent = parent
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

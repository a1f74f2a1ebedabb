# Tries: a __del__ that clears the children's parents when a node dies. Wrong: a node in
# a cycle is not freed by reference counting, so its __del__ only runs when the collector
# finds the cycle: the tree still waits for gc.
class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.children = []
        self.parent = parent
        if parent is not None:
            parent.children.append(self)

    def __del__(self):
        for child in self.children:
            child.parent = None

    def path(self):
        names = []
        node = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return "/".join(reversed(names))

    def __repr__(self):
        return f"Node({self.name!r})"

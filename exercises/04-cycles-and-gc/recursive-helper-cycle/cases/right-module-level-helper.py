# Right: a module-level recursive function is found through the module's globals, not a
# closure cell, so nothing refers to itself; `seen` is passed down as an argument.
def _visit(item, seen):
    if item in seen:
        return 0
    seen.add(item)
    return item.size + sum(_visit(child, seen) for child in item.children)


def total_size(root):
    return _visit(root, set())

def total_size(root):
    """Total size of root and everything below it; an item reachable twice counts once."""
    seen = set()

    def visit(item):
        if item in seen:
            return 0
        seen.add(item)
        return item.size + sum(visit(child) for child in item.children)

    return visit(root)

# Wrong: emptying `seen` after the walk frees the items, but `visit` still refers to itself
# through its closure cell: every call leaves a cycle (function, cells, empty set) behind.
def total_size(root):
    seen = set()

    def visit(item):
        if item in seen:
            return 0
        seen.add(item)
        return item.size + sum(visit(child) for child in item.children)

    total = visit(root)
    seen.clear()
    return total

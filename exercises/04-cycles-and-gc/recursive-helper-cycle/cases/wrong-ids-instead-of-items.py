# Wrong: remembering id(item) instead of the item frees the tree, but the recursive helper
# is still a reference cycle, left to the collector after every call.
def total_size(root):
    seen = set()

    def visit(item):
        if id(item) in seen:
            return 0
        seen.add(id(item))
        return item.size + sum(visit(child) for child in item.children)

    return visit(root)

# Right: keeps the nested helper, but empties its cell on every way out: the function no
# longer refers to itself, so everything is freed by reference counting at once.
def total_size(root):
    seen = set()

    def visit(item):
        if item in seen:
            return 0
        seen.add(item)
        return item.size + sum(visit(child) for child in item.children)

    try:
        return visit(root)
    finally:
        visit = None

# Right: an explicit stack, remembering the ids of the items seen (the items are alive
# during the walk, so their ids cannot be reused by other items meanwhile).
def total_size(root):
    seen = set()
    total = 0
    stack = [root]
    while stack:
        item = stack.pop()
        if id(item) not in seen:
            seen.add(id(item))
            total += item.size
            stack.extend(item.children)
    return total

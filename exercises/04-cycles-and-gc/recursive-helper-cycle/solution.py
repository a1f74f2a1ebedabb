def total_size(root):
    """Total size of root and everything below it; an item reachable twice counts once."""
    # A loop with an explicit stack instead of a nested recursive function: a function
    # that calls itself by its name in the enclosing scope refers to itself through its
    # closure cell, a reference cycle (with `seen` and every item in it) made anew by
    # every call. The loop makes nothing but the set, freed when we return.
    seen = set()
    stack = [root]
    total = 0
    while stack:
        item = stack.pop()
        if item in seen:
            continue
        seen.add(item)
        total += item.size
        stack.extend(item.children)
    return total

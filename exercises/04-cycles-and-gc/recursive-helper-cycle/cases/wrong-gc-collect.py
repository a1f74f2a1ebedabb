# Wrong: a collection before returning finds nothing, because `visit` is still a local of
# the running frame; the cycle only becomes garbage after the return.
import gc


def total_size(root):
    seen = set()

    def visit(item):
        if item in seen:
            return 0
        seen.add(item)
        return item.size + sum(visit(child) for child in item.children)

    total = visit(root)
    gc.collect()
    return total

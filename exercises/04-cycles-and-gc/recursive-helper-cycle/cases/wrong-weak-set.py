# Wrong: a WeakSet does not keep the items alive, but the helper's self-reference is still a
# cycle left for the collector by every call.
import weakref


def total_size(root):
    seen = weakref.WeakSet()

    def visit(item):
        if item in seen:
            return 0
        seen.add(item)
        return item.size + sum(visit(child) for child in item.children)

    return visit(root)

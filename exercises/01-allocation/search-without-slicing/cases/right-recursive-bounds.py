# Tries: keeps the recursion but passes the bounds of the part to search instead of a slice.
# Right: every call refers to the same list; the recursion is only about 20 calls deep.
def index_of(sorted_ids, wanted, low=0, high=None):
    if high is None:
        high = len(sorted_ids)
    if low >= high:
        return -1
    middle = (low + high) // 2
    if sorted_ids[middle] == wanted:
        return middle
    if wanted < sorted_ids[middle]:
        return index_of(sorted_ids, wanted, low, middle)
    return index_of(sorted_ids, wanted, middle + 1, high)

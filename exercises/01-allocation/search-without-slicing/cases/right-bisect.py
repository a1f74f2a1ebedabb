# Tries: the standard library's bisect_left, which searches a sorted list by indices.
# Right: no copy, a binary search, and a check that the position found holds the id.
from bisect import bisect_left


def index_of(sorted_ids, wanted):
    position = bisect_left(sorted_ids, wanted)
    if position < len(sorted_ids) and sorted_ids[position] == wanted:
        return position
    return -1

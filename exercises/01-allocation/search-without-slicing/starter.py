"""Contact sync: look a user id up in the sorted list of every id the server knows."""


def index_of(sorted_ids, wanted):
    """Position of `wanted` in `sorted_ids` (sorted, no duplicates), or -1 if it is not there."""
    if not sorted_ids:
        return -1
    middle = len(sorted_ids) // 2
    if sorted_ids[middle] == wanted:
        return middle
    if wanted < sorted_ids[middle]:
        return index_of(sorted_ids[:middle], wanted)
    found = index_of(sorted_ids[middle + 1 :], wanted)
    return -1 if found == -1 else middle + 1 + found

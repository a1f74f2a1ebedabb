"""Contact sync: look a user id up in the sorted list of every id the server knows."""


def index_of(sorted_ids, wanted):
    """Position of `wanted` in `sorted_ids` (sorted, no duplicates), or -1 if it is not there."""
    # The part still to search is sorted_ids[low:high], kept as two numbers: a slice
    # would copy half of the remaining list at every step.
    low, high = 0, len(sorted_ids)
    while low < high:
        middle = (low + high) // 2
        if sorted_ids[middle] == wanted:
            return middle
        if wanted < sorted_ids[middle]:
            high = middle
        else:
            low = middle + 1
    return -1

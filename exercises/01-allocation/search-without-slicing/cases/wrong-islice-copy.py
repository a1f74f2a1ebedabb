# Tries: recursion over halves made with list(itertools.islice(...)) instead of slice syntax.
# Wrong: list(...) of an islice is a new list all the same: each half is still copied.
from itertools import islice


def index_of(sorted_ids, wanted):
    if not sorted_ids:
        return -1
    middle = len(sorted_ids) // 2
    if sorted_ids[middle] == wanted:
        return middle
    if wanted < sorted_ids[middle]:
        return index_of(list(islice(sorted_ids, middle)), wanted)
    found = index_of(list(islice(sorted_ids, middle + 1, None)), wanted)
    return -1 if found == -1 else middle + 1 + found

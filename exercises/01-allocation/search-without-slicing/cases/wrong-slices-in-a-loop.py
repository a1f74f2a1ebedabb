# Tries: replaces the recursion by a loop, still cutting the list in half and adding up the
# offset of the part kept. Wrong: each `ids = ids[...]` still copies half of what is left;
# a loop frees the old half sooner than recursion, but the first copy alone is half the list.
def index_of(sorted_ids, wanted):
    ids, offset = sorted_ids, 0
    while ids:
        middle = len(ids) // 2
        if ids[middle] == wanted:
            return offset + middle
        if wanted < ids[middle]:
            ids = ids[:middle]
        else:
            offset += middle + 1
            ids = ids[middle + 1 :]
    return -1

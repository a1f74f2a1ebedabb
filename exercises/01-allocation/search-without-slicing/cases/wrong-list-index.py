# Tries: gives up the binary search for list.index, which copies nothing.
# Wrong: it compares the wanted id with every id before it, a million comparisons where the
# binary search needed twenty; the task asks for a search that stays binary.
def index_of(sorted_ids, wanted):
    try:
        return sorted_ids.index(wanted)
    except ValueError:
        return -1

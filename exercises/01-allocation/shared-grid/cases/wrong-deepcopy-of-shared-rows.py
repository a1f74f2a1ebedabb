# Tries: copy.deepcopy() the grid. Wrong: deepcopy keeps the structure it copies, shared
# parts included: the copy holds one new row list, referred to `rows` times.
import copy


def make_grid(rows, cols, fill=0):
    """A grid of `rows` rows and `cols` columns, every cell set to `fill`."""
    return copy.deepcopy([[fill] * cols] * rows)

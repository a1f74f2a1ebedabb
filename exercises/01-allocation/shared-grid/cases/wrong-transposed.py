# Tries: a nested comprehension. Wrong: the loops are the wrong way round, so the grid has
# `cols` rows of `rows` seats.
def make_grid(rows, cols, fill=0):
    """A grid of `rows` rows and `cols` columns, every cell set to `fill`."""
    return [[fill for _ in range(rows)] for _ in range(cols)]

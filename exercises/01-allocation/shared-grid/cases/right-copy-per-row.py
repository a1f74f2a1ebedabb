# One template row, and a fresh copy of it for every row: the copies are separate lists.
# Right.
def make_grid(rows, cols, fill=0):
    """A grid of `rows` rows and `cols` columns, every cell set to `fill`."""
    template = [fill] * cols
    return [list(template) for _ in range(rows)]

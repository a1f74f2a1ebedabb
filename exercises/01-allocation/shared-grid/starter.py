def make_grid(rows, cols, fill=0):
    """A grid of `rows` rows and `cols` columns, every cell set to `fill`."""
    row = [fill] * cols
    return [row] * rows

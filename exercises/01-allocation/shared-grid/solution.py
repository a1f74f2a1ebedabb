def make_grid(rows, cols, fill=0):
    """A grid of `rows` rows and `cols` columns, every cell set to `fill`."""
    # One new list per row: the comprehension evaluates `[fill] * cols` each time.
    return [[fill] * cols for _ in range(rows)]

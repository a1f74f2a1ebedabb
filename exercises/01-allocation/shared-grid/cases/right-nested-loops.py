# Builds each row with its own loop and appends it: a new list object per row. Right.
def make_grid(rows, cols, fill=0):
    """A grid of `rows` rows and `cols` columns, every cell set to `fill`."""
    grid = []
    for _ in range(rows):
        row = []
        for _ in range(cols):
            row.append(fill)
        grid.append(row)
    return grid

# Tries: list() the grid so it is "a new list". Wrong: a shallow copy makes a new outer
# list holding the same references: the rows are still one shared list.
def make_grid(rows, cols, fill=0):
    """A grid of `rows` rows and `cols` columns, every cell set to `fill`."""
    row = [fill] * cols
    return list([row] * rows)

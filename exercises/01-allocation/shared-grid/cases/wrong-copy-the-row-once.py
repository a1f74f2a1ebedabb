# Tries: copy the row before repeating it. Wrong: the copy is made once, and `* rows`
# repeats a reference to that one copy, so every row is still the same list.
def make_grid(rows, cols, fill=0):
    """A grid of `rows` rows and `cols` columns, every cell set to `fill`."""
    row = [fill] * cols
    return [row.copy()] * rows

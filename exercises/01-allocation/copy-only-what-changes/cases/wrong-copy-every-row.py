# Tries: copies each row with a comprehension instead of copy.deepcopy.
# Wrong: it is the same deep copy written by hand: every edit still copies every row.
class Sheet:
    def __init__(self, rows):
        self.rows = [list(row) for row in rows]
        self.history = []

    def set_cell(self, row, col, value):
        self.history.append([r[:] for r in self.rows])
        self.rows[row][col] = value

    def undo(self):
        self.rows = self.history.pop()

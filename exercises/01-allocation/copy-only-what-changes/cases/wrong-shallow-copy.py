# Tries: a shallow copy of the table (list(self.rows)) instead of a deep copy.
# Wrong: the saved version and the current table share every row, the edited one too, so
# writing the cell changes the saved version and undo() gives back the edited table.
class Sheet:
    def __init__(self, rows):
        self.rows = [list(row) for row in rows]
        self.history = []

    def set_cell(self, row, col, value):
        self.history.append(list(self.rows))
        self.rows[row][col] = value

    def undo(self):
        self.rows = self.history.pop()

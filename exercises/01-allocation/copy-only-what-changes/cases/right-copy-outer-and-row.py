# Tries: saves a shallow copy of the list of rows, then replaces the edited row in the
# current table by a copy before writing. Right: the saved version keeps the old row object,
# the current table gets a new one; unchanged rows are shared by both.
class Sheet:
    def __init__(self, rows):
        self.rows = [list(row) for row in rows]
        self.history = []

    def set_cell(self, row, col, value):
        self.history.append(self.rows[:])
        changed = self.rows[row].copy()
        changed[col] = value
        self.rows[row] = changed

    def undo(self):
        self.rows = self.history.pop()

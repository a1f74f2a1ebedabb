# Tries: keeps, for each edit, only what undo needs: the row, the column and the old value,
# and edits the table in place. Right: every undo writes the old value back, in reverse
# order, down to the original; the history costs one small tuple per edit.
class Sheet:
    def __init__(self, rows):
        self.rows = [list(row) for row in rows]
        self._undo = []

    def set_cell(self, row, col, value):
        self._undo.append((row, col, self.rows[row][col]))
        self.rows[row][col] = value

    def undo(self):
        row, col, old = self._undo.pop()
        self.rows[row][col] = old

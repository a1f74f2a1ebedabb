"""The table of a small spreadsheet app, where every edit can be undone."""

import copy


class Sheet:
    def __init__(self, rows):
        self.rows = [list(row) for row in rows]  # a list of rows, each row a list of cells
        self.history = []  # what undo() goes back to, the newest last

    def set_cell(self, row, col, value):
        self.history.append(copy.deepcopy(self.rows))
        self.rows[row][col] = value

    def undo(self):
        """Go back to the table as it was before the last edit not yet undone."""
        self.rows = self.history.pop()

"""The table of a small spreadsheet app, where every edit can be undone."""


class Sheet:
    def __init__(self, rows):
        self.rows = [list(row) for row in rows]  # a list of rows, each row a list of cells
        self.history = []  # what undo() goes back to, the newest last

    def set_cell(self, row, col, value):
        # The old version keeps the old list of rows; the new version is a new list of
        # rows that shares every unchanged row with it, and only the edited row is copied.
        # A deep copy would copy every row of the table at every edit.
        self.history.append(self.rows)
        self.rows = list(self.rows)
        self.rows[row] = list(self.rows[row])
        self.rows[row][col] = value

    def undo(self):
        """Go back to the table as it was before the last edit not yet undone."""
        self.rows = self.history.pop()

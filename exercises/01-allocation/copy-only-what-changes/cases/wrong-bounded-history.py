# Tries: keeps deep copies but only of the last 10 versions (a deque with maxlen=10).
# Wrong: memory is bounded, but undo no longer reaches back past 10 edits, which the task
# requires; and each kept version still copies rows that did not change.
import copy
from collections import deque


class Sheet:
    def __init__(self, rows):
        self.rows = [list(row) for row in rows]
        self.history = deque(maxlen=10)

    def set_cell(self, row, col, value):
        self.history.append(copy.deepcopy(self.rows))
        self.rows[row][col] = value

    def undo(self):
        self.rows = self.history.pop()

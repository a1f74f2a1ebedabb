import sys

from leakless import deep_size
from submission import Sheet


def table(n_rows, n_cols):
    return [[r * n_cols + c for c in range(n_cols)] for r in range(n_rows)]


def test_thirty_edits_undo_back_to_the_original():
    original = table(6, 3)
    sheet = Sheet(original)
    for edit in range(30):
        sheet.set_cell(edit % 6, edit % 3, -edit)
    for _ in range(30):
        sheet.undo()
    assert sheet.rows == original, "30 edits then 30 undos must give back the original table"


def test_editing_again_after_undo():
    sheet = Sheet(table(2, 2))
    sheet.set_cell(0, 0, "a")
    sheet.set_cell(1, 1, "b")
    sheet.undo()
    sheet.set_cell(1, 0, "c")
    assert sheet.rows == [["a", 1], ["c", 3]]
    sheet.undo()
    assert sheet.rows == [["a", 1], [2, 3]]
    sheet.undo()
    assert sheet.rows == [[0, 1], [2, 3]]


def test_rows_stay_lists_of_cells():
    sheet = Sheet(table(3, 2))
    sheet.set_cell(1, 1, "x")
    assert isinstance(sheet.rows, list) and all(isinstance(row, list) for row in sheet.rows)
    assert sheet.rows[1][1] == "x" and len(sheet.rows) == 3


def test_many_edits_of_one_row_of_a_longer_table():
    sheet = Sheet(table(60, 4))
    for edit in range(20):
        sheet.set_cell(5, edit % 4, f"v{edit}")
    history = deep_size(sheet) - deep_size(sheet.rows)
    budget = 2 * 20 * (sys.getsizeof([None] * 60) + sys.getsizeof([None] * 4))
    assert history <= budget, "the history of 20 edits of one row holds copies of the other 59 rows"

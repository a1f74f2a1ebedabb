import sys

from leakless import deep_size
from submission import Sheet


def table(n_rows, n_cols):
    return [[f"r{r}c{c}" for c in range(n_cols)] for r in range(n_rows)]


def history_budget(edits, n_rows, n_cols):
    """Twice what the history needs when each edit keeps one list of rows and one changed row."""
    return 2 * edits * (sys.getsizeof([None] * n_rows) + sys.getsizeof([None] * n_cols))


def test_undo_restores_each_version():
    sheet = Sheet(table(3, 2))
    versions = [[list(row) for row in sheet.rows]]
    for row, col, value in [(0, 1, "x"), (2, 0, "y"), (0, 1, "z")]:
        sheet.set_cell(row, col, value)
        versions.append([list(row) for row in sheet.rows])
    assert sheet.rows == [["r0c0", "z"], ["r1c0", "r1c1"], ["y", "r2c1"]]
    for expected in reversed(versions[:-1]):
        sheet.undo()
        assert sheet.rows == expected, (
            "undo() did not give back the table as it was before the edit: the edit changed a row "
            "that the saved version shares. Copy the row you change, not only the list of rows"
        )


def test_an_edit_copies_only_what_it_changes():
    sheet = Sheet(table(20, 4))
    for edit in range(10):
        sheet.set_cell(edit * 7 % 20, edit % 4, edit)
    history = deep_size(sheet) - deep_size(sheet.rows)
    budget = history_budget(10, 20, 4)
    assert history <= budget, (
        f"after 10 edits of a 20-row table, the undo history takes {history} bytes, "
        f"{history / budget * 2:.0f}× what keeping one list of rows and the one changed row per edit "
        "needs: every edit copies rows it does not change. Share the unchanged rows"
    )

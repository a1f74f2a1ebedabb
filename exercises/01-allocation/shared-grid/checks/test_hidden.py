from submission import make_grid


def test_no_two_rows_share_a_list():
    grid = make_grid(6, 2)
    ids = {id(row) for row in grid}
    assert len(ids) == 6, f"6 rows but only {len(ids)} distinct row list(s)"


def test_writes_stay_in_their_cell_on_a_larger_grid():
    grid = make_grid(5, 7, 0)
    grid[4][6] = 1
    grid[2][0] = 2
    total = sum(sum(row) for row in grid)
    assert total == 3 and grid[4][6] == 1 and grid[2][0] == 2, "writing two cells changed other cells too"


def test_single_row_and_empty_grid():
    assert make_grid(1, 3, "a") == [["a", "a", "a"]]
    assert make_grid(0, 3) == [], "a grid with 0 rows is an empty list"
    assert make_grid(2, 0) == [[], []], "2 rows of 0 seats are two empty lists"
    empty_rows = make_grid(2, 0)
    assert empty_rows[0] is not empty_rows[1], "even empty rows must be separate lists"


def test_default_fill_is_zero():
    assert make_grid(2, 2) == [[0, 0], [0, 0]]

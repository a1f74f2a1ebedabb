from submission import make_grid


def test_grid_has_the_right_shape():
    grid = make_grid(3, 4, ".")
    assert len(grid) == 3, "make_grid(3, 4) should have 3 rows"
    assert all(len(row) == 4 for row in grid), "every row of make_grid(3, 4) should have 4 seats"
    assert all(seat == "." for row in grid for seat in row), "every seat should start as the `fill` value"


def test_rows_are_separate_lists():
    grid = make_grid(3, 4, ".")
    assert grid[0] is not grid[1], (
        "`grid[0] is grid[1]` is True: the grid holds the same row list several times. "
        "A list stores references, and `[row] * 3` stores three references to one row."
    )


def test_booking_one_seat_changes_only_that_seat():
    grid = make_grid(3, 4, ".")
    grid[0][1] = "X"
    booked = [(r, c) for r, row in enumerate(grid) for c, seat in enumerate(row) if seat == "X"]
    assert booked == [(0, 1)], (
        f"after `grid[0][1] = 'X'` the seats marked X are {booked}: writing into one row "
        "wrote into every row, because every row is the same list"
    )

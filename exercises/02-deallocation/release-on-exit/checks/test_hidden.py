import submission
from fixtures import edit
from leakless import freed_by_refcount, in_learner


def test_pixels_are_freed_when_the_block_raises():
    submission.open_handles.clear()
    history = in_learner([])
    freed_by_refcount(
        lambda: edit(history, "cancelled.jpg", 16, 16, fail=True)[0],
        msg="after a block that raised, the pixels should be freed too",
    )
    assert submission.open_handles == set()


def test_the_exception_is_not_swallowed():
    history = in_learner([])
    for name in ("a.jpg", "b.png", "c.gif"):
        assert edit(history, name, 4, 4, fail=True)[1] == f"{name}: cancelled"
    assert edit(history, "fine.jpg", 4, 4)[1] is None


def test_close_without_with_and_twice():
    submission.open_handles.clear()
    first = submission.open_image("one.jpg", 4, 4)
    second = submission.open_image("two.jpg", 4, 4)
    assert first.brightness() == 0 and not first.closed
    first.close()
    first.close()
    assert first.closed and not second.closed
    assert submission.open_handles == {second.handle}, "closing one image must keep the other one's handle"
    with second:
        assert second.brightness() == 0
    assert second.closed
    assert submission.open_handles == set()


def test_closing_frees_the_pixels_and_an_open_image_keeps_them():
    submission.open_handles.clear()
    still_open = submission.open_image("open.jpg", 4, 4)

    def close_by_hand():
        img = submission.open_image("closed.jpg", 20, 20)
        img.pixels.data[0] = 255
        assert img.brightness() > 0
        pixels = img.pixels
        img.close()
        return img, pixels

    freed_by_refcount(close_by_hand, msg="an image closed by close() and then dropped should be freed, pixels too")
    for i in range(3):
        still_open.pixels.data[i] = 3
    assert still_open.brightness() == 3 / 16, "an image that is still open must keep its pixels"
    assert submission.open_handles == {still_open.handle}


def test_many_images_leave_nothing_behind():
    submission.open_handles.clear()
    history = in_learner([])

    def edit_many():
        return tuple(edit(history, f"{i}.jpg", 8, 8, fail=i % 3 == 0)[0] for i in range(30))

    freed_by_refcount(edit_many, msg="after 30 edits, some of them failing, some pixels are still alive")
    assert submission.open_handles == set(), f"handles left open: {sorted(submission.open_handles)}"
    assert all(img.closed for img in history)

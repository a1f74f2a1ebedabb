import submission
from fixtures import edit
from leakless import freed_by_refcount, in_learner


def test_pixels_are_freed_after_the_block():
    history = in_learner([])  # the editor's "recently edited" list: it keeps the ImageFile objects
    freed_by_refcount(
        lambda: edit(history, "beach.jpg", 40, 30)[0],
        msg="the `Pixels` are still alive after the `with` block, because the caller still refers "
        "to the ImageFile (`as img` outlives the block) and the ImageFile still refers to its pixels. "
        "Let go of them when the image is closed.",
    )
    assert history[0].closed, "the image should be closed after the `with` block"
    assert submission.open_handles == set(), "the handle should be given back after the `with` block"


def test_handle_is_given_back_when_the_block_raises():
    submission.open_handles.clear()
    history = in_learner([])
    _, reached = edit(history, "corrupt.jpg", 8, 8, fail=True)
    assert reached == "corrupt.jpg: cancelled", (
        "the exception raised inside the `with` block never reached the editor: `__exit__` must not return a true value"
    )
    assert submission.open_handles == set(), (
        f"after a block that raised, open_handles is {submission.open_handles}: `__exit__` runs "
        "however the block ends, so it must release the handle in that case too"
    )
    assert history[0].closed

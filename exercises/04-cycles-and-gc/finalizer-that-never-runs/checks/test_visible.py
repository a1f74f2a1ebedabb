from fixtures import RecordingPool
from leakless import freed_by_refcount
from submission import HandlePool, Session  # noqa: F401 (HandlePool: the learner's module must define it)


def test_close_gives_the_handle_back_once():
    pool = RecordingPool()
    session = Session(pool)
    assert session.closed is False
    session.close()
    assert session.closed is True
    assert pool.open_handles == set()
    session.close()
    del session
    assert pool.released == [1], "the handle should be released exactly once, by the first close()"


def test_forgotten_session_gives_its_handle_back():
    pool = RecordingPool()
    freed_by_refcount(
        lambda: Session(pool),
        msg=(
            "A session that was never closed is still alive after the caller dropped it, "
            "so its finalizer never ran. `weakref.finalize` keeps the callback you give it "
            "(and its arguments) alive until the session dies: what does that callback "
            "refer to?"
        ),
    )
    assert pool.open_handles == set(), "the forgotten session's handle should be back in the pool"

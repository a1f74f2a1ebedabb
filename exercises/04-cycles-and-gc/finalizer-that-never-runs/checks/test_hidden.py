from fixtures import RecordingPool
from leakless import collectable, freed_by_refcount
from submission import HandlePool, Session


def test_session_in_a_cycle_is_released_by_the_collector():
    pool = RecordingPool()

    def session_in_a_cycle():
        session = Session(pool)
        session.myself = session  # e.g. a callback or a cache that points back
        return session

    collectable(session_in_a_cycle, msg="a session in a reference cycle should be freed by gc.collect()")
    assert pool.released == [1], "the collected session's handle should be released once"


def test_each_handle_released_exactly_once():
    pool = RecordingPool()

    def sessions():
        made = [Session(pool) for _ in range(6)]
        for session in made[::2]:
            session.close()
        return tuple(made)

    freed_by_refcount(sessions, msg="closed and unclosed sessions should all be freed by reference counting")
    assert sorted(pool.released) == [1, 2, 3, 4, 5, 6], "each handle should be released exactly once"
    assert pool.open_handles == set()


def test_closed_tracks_the_handle():
    pool = HandlePool()
    first, second = Session(pool), Session(pool)
    first.close()
    assert (first.closed, second.closed) == (True, False)
    assert pool.open_handles == {second.handle}

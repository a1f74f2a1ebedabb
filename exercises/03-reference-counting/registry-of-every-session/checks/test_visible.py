from leakless import freed_by_refcount
from submission import Session


def test_active_lists_the_open_sessions():
    alice, bob, carol = Session("alice"), Session("bob"), Session("carol")
    bob.close()
    assert sorted(session.user for session in Session.active()) == ["alice", "carol"]
    assert alice.data == {} and not alice.closed and bob.closed and not carol.closed


def test_a_closed_session_is_freed():
    def log_in_and_out():
        session = Session("dave")
        session.data["cart"] = list(range(1_000))
        session.close()
        return session

    freed_by_refcount(
        log_in_and_out,
        msg=(
            "a closed session is still alive after the program dropped it: the class-wide "
            "registry `Session._all` still refers to it. The registry should see sessions "
            "without keeping them alive."
        ),
    )

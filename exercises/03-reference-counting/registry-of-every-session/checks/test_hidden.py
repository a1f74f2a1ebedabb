from leakless import freed_by_refcount, no_leak
from submission import Session


def test_a_session_dropped_without_close_is_freed():
    def visit_and_leave():
        session = Session("erin")
        session.data["cart"] = {"book": 2}
        return session

    freed_by_refcount(visit_and_leave, msg="a session the server drops without closing it should be freed too")


def test_dropped_sessions_are_no_longer_active():
    kept = [Session(f"user{n}") for n in range(5)]
    gone = Session("gone")
    del gone
    kept[3].close()
    assert sorted(session.user for session in Session.active()) == ["user0", "user1", "user2", "user4"]


def test_the_registry_does_not_grow_with_sessions_that_are_gone():
    here = [Session(f"here{n}") for n in range(3)]

    def one_visitor():
        session = Session("visitor")
        session.data["page"] = "home"

    no_leak(one_visitor, repeat=60, msg="the registry keeps an entry for every session that was ever made")
    assert sorted(session.user for session in Session.active()) == ["here0", "here1", "here2"]
    del here

from fixtures import start_tracing, stop_tracing, tracing
from submission import growing_line, queue_email, restart, send_next_email, view_product


def line_of(handler, offset):
    code = handler.__code__
    return (code.co_filename, code.co_firstlineno + offset)


def test_the_outbox_grows():
    restart()
    assert growing_line(lambda: queue_email("cy", "Your order has shipped.")) == line_of(queue_email, 1)


def test_freed_memory_does_not_count():
    restart()
    backlog = [True]

    def drain_the_backlog_and_view():
        if backlog:  # the first call (the warm-up) finds a backlog of e-mails...
            backlog.clear()
            for number in range(60):
                queue_email(f"user{number}", "Our spring sale starts tomorrow!")
        else:
            send_next_email()  # ...which every later call shrinks by one big e-mail,
        view_product("bo", 3)  # while the audit log grows by a short line

    found = growing_line(drain_the_backlog_and_view, calls=40)
    assert found == line_of(view_product, 2), (
        f"growing_line() answered {found}: the outbox shrank (the biggest change, but a negative "
        "one); the line that grew the most is the audit log's"
    )


def test_calls_and_min_growth():
    restart()
    made = [0]

    def counted_view():
        made[0] += 1
        view_product("di", 11)

    assert growing_line(counted_view, calls=20) == line_of(view_product, 2)
    assert made[0] == 21, f"with calls=20, the action should run 21 times (one warm-up), not {made[0]}"
    assert growing_line(lambda: view_product("di", 12), min_growth=1_000_000) is None, (
        "the audit log grew by far less than min_growth=1000000 bytes: the answer should be None"
    )


def test_an_exception_reaches_the_caller_and_tracing_stops():
    def broken():
        raise RuntimeError("database is down")

    try:
        growing_line(broken)
    except RuntimeError as error:
        assert "database is down" in str(error)
    else:
        raise AssertionError("the action's exception must reach the caller")
    assert tracing() is False, "use try/finally: tracemalloc kept tracing after the action raised"


def test_tracing_that_was_on_stays_on():
    start_tracing()
    try:
        restart()
        assert growing_line(lambda: view_product("ed", 5)) == line_of(view_product, 2)
        assert tracing() is True, "tracemalloc was tracing before growing_line(): it should still be"
    finally:
        stop_tracing()

from fixtures import FlakyClient, raised_by
from leakless import freed_by_refcount
from submission import fetch_with_retry


def test_gives_up_with_the_last_error_as_cause():
    client = FlakyClient(failures=10)
    raised = raised_by(fetch_with_retry, client.get, attempts=4)
    assert raised is not None, "fetch_with_retry should raise RuntimeError after `attempts` failed calls"
    kind, message, cause_kind, cause_message = raised
    assert (kind, message) == ("RuntimeError", "gave up after 4 attempts")
    assert cause_kind == "ConnectionError", "the RuntimeError should be raised `from` the last connection error"
    assert cause_message == "call 4 failed", "the cause should be the last connection error, not an earlier one"
    assert client.calls == 4, "fetch() should be called exactly `attempts` times"


def test_subclasses_are_retried_and_other_errors_are_not():
    client = FlakyClient(failures=2, error=ConnectionResetError)
    assert fetch_with_retry(client.get) == "100000 bytes after 3 calls"
    client = FlakyClient(failures=1, error=ValueError)
    assert raised_by(fetch_with_retry, client.get, attempts=3) == ("ValueError", "call 1 failed", "NoneType", "None"), (
        "a ValueError from fetch() should propagate unchanged"
    )
    assert client.calls == 1, "only connection errors should be retried"


def test_client_is_freed_after_giving_up():
    messages = []

    def call_that_gives_up():
        client = FlakyClient(failures=5)
        messages.append(raised_by(fetch_with_retry, client.get, attempts=2)[1])
        return client, client.buffer

    freed_by_refcount(
        call_that_gives_up,
        msg="the client outlived a call that gave up, after the caller dropped the RuntimeError",
    )
    assert messages == ["gave up after 2 attempts"]


def test_many_retried_calls_leave_nothing_behind():
    def many_calls():
        clients = tuple(FlakyClient(failures=n % 3) for n in range(8))
        for client in clients:
            fetch_with_retry(client.get, attempts=3)
        return clients

    freed_by_refcount(many_calls, msg="every client should be freed once the caller drops it")

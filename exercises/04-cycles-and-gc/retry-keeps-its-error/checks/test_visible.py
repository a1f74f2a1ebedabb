from fixtures import FlakyClient
from leakless import freed_by_refcount
from submission import fetch_with_retry


def test_retries_until_a_call_succeeds():
    client = FlakyClient(failures=2)
    assert fetch_with_retry(client.get, attempts=3) == "100000 bytes after 3 calls"
    assert client.calls == 3
    assert fetch_with_retry(FlakyClient(failures=0).get) == "100000 bytes after 1 calls"


def test_client_is_freed_after_a_retried_call():
    answers = []

    def retried_call():
        client = FlakyClient(failures=1)
        answers.append(fetch_with_retry(client.get, attempts=3))
        return client, client.buffer

    freed_by_refcount(
        retried_call,
        msg=(
            "the client outlived a call that had to retry: the frame of `fetch_with_retry` "
            "refers to `last_error`, whose traceback refers back to that frame, a reference "
            "cycle that keeps every local of the frame (`fetch`, and so the client) alive. "
            "Clear the local before the function ends."
        ),
    )
    assert answers == ["100000 bytes after 2 calls"]

from fixtures import Payload
from leakless import freed_by_refcount
from submission import LinkedList


def test_both_directions_and_both_ends():
    items = LinkedList(["a", "b", "c", "d"])
    assert list(items) == ["a", "b", "c", "d"]
    assert list(reversed(items)) == ["d", "c", "b", "a"]
    assert items.pop() == "d"
    assert items.pop_left() == "a"
    assert list(reversed(items)) == ["c", "b"]
    assert len(items) == 2
    assert items.tail.prev is items.head, "`prev` should return the neighbouring Link itself"


def test_dropped_list_frees_its_values():
    def list_of_payloads():
        items = LinkedList(Payload(number) for number in range(10))
        return tuple(items)

    freed_by_refcount(
        list_of_payloads,
        msg=(
            "The values of a dropped list are still alive: its links still exist, because "
            "each pair of neighbours refers to each other (`a.next is b` and `b.prev is a`), "
            "a reference cycle that reference counting cannot free. `next` is enough to "
            "keep the links alive; the other direction can be weak."
        ),
    )

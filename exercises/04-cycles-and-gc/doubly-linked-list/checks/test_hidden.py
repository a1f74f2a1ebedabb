from fixtures import Payload
from leakless import assert_not_in_cycle, freed_by_refcount
from submission import LinkedList


def test_ends_have_no_neighbour():
    items = LinkedList([1, 2, 3])
    assert items.head.prev is None and items.tail.next is None
    assert items.head.next.prev is items.head
    assert items.tail.prev.next is items.tail


def test_no_link_is_in_a_cycle():
    items = LinkedList(range(3))
    assert_not_in_cycle(items.head.next, msg="a link in the middle of the list is still part of a reference cycle")


def test_popping_to_empty_and_refilling():
    items = LinkedList([1, 2])
    assert items.pop_left() == 1 and items.pop() == 2
    assert len(items) == 0 and list(reversed(items)) == []
    for pop in (items.pop, items.pop_left):
        try:
            pop()
        except IndexError:
            pass
        else:
            raise AssertionError("popping from an empty list should raise IndexError")
    items.append("x")
    items.append("y")
    assert list(reversed(items)) == ["y", "x"]


def test_popped_values_are_freed_while_the_list_lives():
    items = LinkedList()

    def push_then_pop_both_ends():
        for number in range(6):
            items.append(Payload(number))
        return items.pop(), items.pop_left()

    freed_by_refcount(push_then_pop_both_ends, msg="a value popped from the list should not be kept by the list")
    assert len(items) == 4 and [p.number for p in reversed(items)] == [4, 3, 2, 1]


def test_long_list_leaves_no_link_behind():
    def every_link_of_a_long_list():
        items = LinkedList(range(1_000))  # freeing a chain recurses once per link: stay well inside the stack
        links, link = [], items.head
        while link is not None:
            links.append(link)
            link = link.next
        return links

    freed_by_refcount(
        every_link_of_a_long_list, msg="every link of a dropped list should be freed by reference counting"
    )

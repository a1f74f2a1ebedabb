from fixtures import Box, Shelf
from leakless import freed_by_refcount
from submission import references_left


def test_removed_references_are_negative():
    shelf, box = Shelf(), Box()
    shelf.put_twice(box)
    assert references_left(shelf.take, box) == -1
    assert references_left(shelf.take, box) == -1
    assert shelf.items == []


def test_dicts_closures_and_replaced_attributes():
    shelf, box = Shelf(), Box()
    assert references_left(shelf.label, box) == 2, "a dict entry with the box as key and as value is two references"
    assert references_left(shelf.remind, box) == 1, "a lambda that uses the box keeps it in a closure cell"
    shelf.put_twice(box)
    assert references_left(shelf.swap_in, box) == -1, "the old list (two references) was replaced by one with one"


def test_returned_containers_do_not_count():
    shelf, box = Shelf(), Box()
    assert references_left(shelf.pair, box) == 0, "a returned list holding the box is dropped: it is not left behind"
    assert references_left(len, shelf.items) == 0


def test_the_helper_itself_keeps_nothing():
    shelf = Shelf()

    def measured_box():
        box = Box()
        references_left(shelf.look, box)
        references_left(shelf.pair, box)
        return box

    freed_by_refcount(measured_box, msg="references_left should not keep the object it measured")

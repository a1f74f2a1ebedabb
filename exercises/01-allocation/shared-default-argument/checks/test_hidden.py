from leakless import in_learner
from submission import add_item


def test_many_calls_stay_independent():
    baskets = [add_item(n) for n in range(20)]
    assert all(b == [n] for n, b in enumerate(baskets)), "a basket made by one call received items from other calls"
    assert len({id(b) for b in baskets}) == 20, "calls without a basket share list objects"


def test_the_default_value_is_never_changed():
    before = repr(add_item.__defaults__)
    add_item("x")
    add_item("y")
    assert repr(add_item.__defaults__) == before, (
        f"add_item's default changed from {before} to {add_item.__defaults__!r}: the function mutates its default"
    )


def test_an_empty_basket_passed_in_is_kept():
    basket = in_learner([])
    result = add_item("tea", basket)
    assert result is basket and basket == ["tea"], (
        "an empty list passed in is a basket too: append to it and return it (test `is None`, not truthiness)"
    )


def test_passing_a_basket_does_not_leak_into_later_calls():
    add_item("a", ["z"])
    assert add_item("b") == ["b"]

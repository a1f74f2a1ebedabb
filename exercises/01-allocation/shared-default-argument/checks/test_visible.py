from leakless import in_learner
from submission import add_item


def test_a_new_basket_per_call():
    mine = add_item("apple")
    yours = add_item("bread")
    assert yours == ["bread"], (
        f"the second call without a basket returned {yours!r}: it got the first call's list. "
        "A default value is made once, when `def` runs, and shared by every call."
    )
    assert mine is not yours, "two calls without a basket returned the same list object"


def test_a_given_basket_is_used():
    basket = in_learner(["milk"])  # a list in your code's interpreter, so `is` can tell
    result = add_item("eggs", basket)
    assert result is basket, "when a basket is passed in, add_item must append to that list and return it"
    assert basket == ["milk", "eggs"]

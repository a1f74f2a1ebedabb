from fixtures import Supplier
from leakless import freed_by_refcount
from submission import PriceList


def test_prices_are_discounted_and_cached():
    supplier = Supplier({"tea": 4.0, "cake": 2.5})
    prices = PriceList(supplier, discount=0.1)
    assert prices.price("tea") == 3.6
    assert prices.price("tea") == 3.6
    assert prices.price("cake") == 2.25
    assert supplier.lookups == {"tea": 1, "cake": 1}, "each item should be looked up once per price list"


def test_a_dropped_price_list_is_freed():
    supplier = Supplier({"tea": 4.0, "cake": 2.5})

    def one_request():
        prices = PriceList(supplier, discount=0.2)
        prices.price("tea")
        prices.price("cake")
        return prices

    freed_by_refcount(
        one_request,
        msg=(
            "a price list is still alive after the request dropped it. `@lru_cache` on a method "
            "is one cache for the whole class, and `self` is part of every key it stores: look "
            "at `PriceList.price.cache_info()`. Give each price list a cache of its own."
        ),
    )

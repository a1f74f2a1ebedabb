from fixtures import Supplier
from leakless import freed_by_refcount
from submission import PriceList


def test_price_lists_do_not_share_their_caches():
    supplier = Supplier({"tea": 10.0})
    regular = PriceList(supplier, discount=0)
    member = PriceList(supplier, discount=0.25)
    assert regular.price("tea") == 10.0
    assert member.price("tea") == 7.5, "each price list applies its own discount"
    assert regular.price("tea") == 10.0
    assert supplier.lookups == {"tea": 2}, "each price list should ask the supplier once about an item"


def test_cache_lasts_as_long_as_the_price_list():
    supplier = Supplier({f"item{n}": float(n) for n in range(25)})
    prices = PriceList(supplier, discount=0.5)
    for _ in range(2):
        for n in range(25):
            assert prices.price(f"item{n}") == round(n * 0.5, 2)
    assert set(supplier.lookups.values()) == {1}, "no item should be looked up twice by one price list"


def test_many_requests_free_every_price_list():
    supplier = Supplier({"tea": 4.0, "cake": 2.5, "jam": 3.0})

    def requests():
        made = tuple(PriceList(supplier, discount=n / 100) for n in range(10))
        for prices in made:
            prices.price("tea")
            prices.price("jam")
        return made

    freed_by_refcount(requests, msg="every price list of every request should be freed")


def test_a_new_price_list_never_gets_old_prices():
    # Price lists made one after the other often reuse the memory (and the id()) of the
    # one just freed: a cache keyed by id(self) would hand the new one the old prices.
    supplier = Supplier({"tea": 4.0})
    for n in range(20):
        prices = PriceList(supplier, discount=n / 100)
        assert prices.price("tea") == round(4.0 * (1 - n / 100), 2), "a new price list got another one's cached price"
        del prices

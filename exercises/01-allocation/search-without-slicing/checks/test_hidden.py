import sys

from fixtures import comparisons_for, counting_ids
from leakless import assert_peak_below, in_learner
from submission import index_of


def test_it_stays_a_binary_search():
    ids = counting_ids(2_000)
    for wanted in (0, 2_997, 5_997, 3_001, -5, 9_000):
        position, comparisons = comparisons_for(ids, wanted, index_of)
        expected = wanted // 3 if wanted % 3 == 0 and 0 <= wanted < 6_000 else -1
        assert position == expected, f"index_of(ids, {wanted}) returned {position}, expected {expected}"
        assert comparisons <= 50, (
            f"looking up {wanted} among 2 000 ids made {comparisons} comparisons: a binary search needs "
            "about 2 per halving (around 22 here), a scan of the list one per id"
        )


def test_negative_ids_and_the_ends_of_a_long_list():
    ids = in_learner(list(range(-50_000, 50_000, 5)))
    assert index_of(ids, -50_000) == 0
    assert index_of(ids, 49_995) == 19_999
    assert index_of(ids, 0) == 10_000
    assert index_of(ids, 3) == -1 and index_of(ids, 50_000) == -1 and index_of(ids, -50_001) == -1


def test_misses_copy_nothing_either():
    ids = in_learner(list(range(1, 48_001, 4)))
    limit = sys.getsizeof(ids) // 20
    for wanted in (0, 48_002, 24_000):
        assert_peak_below(
            lambda wanted=wanted: index_of(ids, wanted),
            limit,
            msg=f"a lookup of {wanted} (not in the list) copied part of it",
        )

import sys

from leakless import assert_peak_below, in_learner
from submission import index_of


def test_finds_ids_and_misses():
    ids = [2, 3, 5, 7, 11, 13, 17]
    assert [index_of(ids, n) for n in ids] == list(range(7))
    assert [index_of(ids, n) for n in (1, 4, 12, 18)] == [-1, -1, -1, -1]
    assert index_of([], 5) == -1 and index_of([5], 5) == 0


def test_a_lookup_copies_nothing():
    ids = in_learner(list(range(0, 16_000, 2)))  # made in your program's memory
    assert index_of(ids, 15_998) == 7_999 and index_of(ids, 7) == -1
    limit = sys.getsizeof(ids) // 10
    for wanted in (15_998, 7):
        assert_peak_below(
            lambda wanted=wanted: index_of(ids, wanted),
            limit,
            msg=f"looking up {wanted} in a list of 8 000 ids allocated a tenth of the list's size or more: "
            "every slice `sorted_ids[...]` is a new list that copies the references of that half. "
            "Keep the bounds of the part still to search as two indices",
        )

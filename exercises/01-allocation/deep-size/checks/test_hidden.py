import sys

from fixtures import Box
from submission import deep_size


def test_dict_keys_and_values_are_counted():
    key = "k" * 300
    value = ["v" * 400, "w" * 500]
    d = {key: value}
    parts = [d, key, value, value[0], value[1]]
    assert deep_size(d) == sum(sys.getsizeof(p) for p in parts), "a dict's size must include its keys and its values"


def test_tuples_sets_and_frozensets_are_walked():
    a, b, c = "a" * 100, "b" * 200, "c" * 300
    inner = frozenset([b])
    outer = (a, {c}, inner)
    the_set = outer[1]
    parts = [outer, a, the_set, c, inner, b]
    assert deep_size(outer) == sum(sys.getsizeof(p) for p in parts)


def test_a_list_that_contains_itself():
    loop = ["z" * 1000]
    loop.append(loop)
    expected = sys.getsizeof(loop) + sys.getsizeof(loop[0])
    assert deep_size(loop) == expected, "a list that contains itself: count it once and stop"


def test_shared_across_branches_counts_once():
    shared = ["s" * 700]
    tree = {"left": [shared], "right": (shared,)}
    parts = [tree, "left", "right", tree["left"], tree["right"], shared, shared[0]]
    assert deep_size(tree) == sum(sys.getsizeof(p) for p in parts)


def test_equal_but_distinct_objects_count_separately():
    # Built at run time, so they are different objects with equal values.
    first, second = "".join(["spam"] * 200), "".join(["spam"] * 200)
    rows = {"a": list(range(50, 60)), "b": list(range(50, 60))}
    outer = (first, second, rows)
    parts = [outer, first, second, rows, "a", "b", rows["a"], rows["b"], *range(50, 60)]
    assert deep_size(outer) == sum(sys.getsizeof(p) for p in parts), (
        "equal strings and equal lists that are different objects each take their own memory"
    )


def test_other_objects_are_not_looked_inside():
    box = Box()
    assert deep_size(box) == sys.getsizeof(box), "only list, tuple, set, frozenset and dict are looked inside"

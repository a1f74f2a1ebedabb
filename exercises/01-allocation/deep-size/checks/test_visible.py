import sys

from submission import deep_size


def test_a_plain_object_is_its_own_size():
    number = 10**20
    assert deep_size(number) == sys.getsizeof(number)


def test_a_list_includes_what_it_holds():
    words = ["x" * 10_000]
    expected = sys.getsizeof(words) + sys.getsizeof(words[0])
    got = deep_size(words)
    assert got == expected, (
        f"deep_size of a list holding a 10 000-character string is {got}, the list alone is "
        f"{sys.getsizeof(words)} and with the string {expected}: `sys.getsizeof` is shallow, "
        "so add the size of every item the list refers to"
    )


def test_a_shared_object_counts_once():
    s = "y" * 5_000
    triple = [s, s, s]
    expected = sys.getsizeof(triple) + sys.getsizeof(s)
    got = deep_size(triple)
    assert got == expected, (
        f"a list holding the same string three times: expected {expected} (the list + the string once), "
        f"got {got}. The three slots are three references to ONE object; count it once (compare `id()`s)"
    )


def test_equal_objects_are_still_two_objects():
    pair = [[], []]
    expected = sys.getsizeof(pair) + 2 * sys.getsizeof([])
    got = deep_size(pair)
    assert got == expected, (
        f"`[[], []]` holds two different empty lists: expected {expected}, got {got}. They are "
        "equal (`==`) but each one takes its own memory: count once per object (`id()`), not per value"
    )

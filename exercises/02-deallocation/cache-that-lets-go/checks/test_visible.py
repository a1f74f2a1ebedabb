import submission
from leakless import freed_by_refcount


def test_the_same_profile_while_in_use():
    first = submission.get_profile("ada")
    before = submission.load_count
    second = submission.get_profile("ada")
    assert second is first, "two requests for the same user while the first is still in use must get the same object"
    assert submission.load_count == before, "the second request loaded the profile again instead of using the cache"


def test_an_unused_profile_is_freed():
    freed_by_refcount(
        lambda: submission.get_profile("grace"),
        msg="the profile is still alive after every request dropped it: the cache's dict holds a strong "
        "reference to every value it stores. The cache should find profiles, not keep them alive.",
    )

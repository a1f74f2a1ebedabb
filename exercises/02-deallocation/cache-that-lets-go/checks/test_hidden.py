import submission
from fixtures import finish_requests
from leakless import freed_by_refcount, no_leak


def test_a_freed_profile_is_loaded_again_on_request():
    freed_by_refcount(lambda: submission.get_profile("linus"), msg="the profile was not freed")
    before = submission.load_count
    again = submission.get_profile("linus")
    assert again.user_id == "linus", "get_profile returned the wrong user's profile"
    assert submission.load_count == before + 1, "after the profile was freed, asking again should load it once more"


def test_many_users_are_all_freed():
    freed_by_refcount(
        lambda: [submission.get_profile(f"user-{i}") for i in range(30)],
        msg="profiles of 30 finished requests are still alive",
    )


def test_changes_are_shared_while_in_use():
    a = submission.get_profile("margaret")
    a.settings["theme"] = "dark"
    assert submission.get_profile("margaret").settings["theme"] == "dark"


def test_one_user_in_use_others_freed():
    kept = submission.get_profile("barbara")
    freed_by_refcount(lambda: submission.get_profile("edsger"), msg="an unused profile was kept alive")
    before = submission.load_count
    assert submission.get_profile("barbara") is kept and submission.load_count == before


def test_finished_requests_leave_no_entries_behind():
    # 1 750 requests for new users: every profile is freed, and its entry must go too. A dict of
    # weak references that are never removed keeps one dead reference (and its key) per user
    # ever seen, so it grows for as long as the server runs.
    loads_before = submission.load_count
    no_leak(
        lambda: finish_requests(250),
        repeat=6,
        warmup=1,
        max_growth=100,
        msg="every finished request leaves an entry behind in the cache: when a profile is freed, "
        "remove its entry too (a WeakValueDictionary does it for you)",
    )
    assert submission.load_count - loads_before == 1_750, "every request for a new user should load its profile"

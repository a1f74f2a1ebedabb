import submission
from leakless import freed_by_refcount


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

import submission
from leakless import count_instances, no_leak


def test_a_repeated_request_is_served_from_the_cache():
    renders_before = submission.renders
    first = submission.get_thumbnail(1)
    second = submission.get_thumbnail(1)
    assert submission.renders - renders_before == 1, "asking twice in a row for image 1 rendered it twice: keep caching"
    assert first is second, "a cached thumbnail must be the same object"


def test_the_cache_holds_at_most_128_thumbnails():
    for image_id in range(10_000, 12_000):
        submission.get_thumbnail(image_id)
    alive = count_instances(submission.Thumbnail)
    assert alive <= 128, (
        f"After 2 000 different images were requested, {alive} `Thumbnail` objects are "
        "still in memory. A module-level dict lives as long as the program, and nothing "
        "ever removes an entry from it: give the cache a size limit."
    )


def test_browsing_new_photos_does_not_grow_memory():
    image_ids = iter(range(20_000, 30_000))
    no_leak(
        lambda: submission.get_thumbnail(next(image_ids)),
        warmup=200,  # enough to fill a cache of 128: from then on it must stop growing
        types=[submission.Thumbnail],
        msg="every new photo viewed adds one more `Thumbnail` to memory, forever",
    )

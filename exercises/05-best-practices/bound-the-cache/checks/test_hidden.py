import submission
from leakless import count_instances, no_leak


def test_recently_used_thumbnails_survive_and_old_ones_are_evicted():
    favourite = submission.get_thumbnail("cat.png")
    favourite_id = id(favourite)
    del favourite
    for n in range(100):
        submission.get_thumbnail(f"holiday-{n}.jpg")
    renders_before = submission.renders
    again = submission.get_thumbnail("cat.png")
    assert submission.renders == renders_before, (
        "an image used 100 requests ago was rendered again: keep the recently used ones"
    )
    assert id(again) == favourite_id
    del again
    for n in range(300):
        submission.get_thumbnail(f"other-{n}.jpg")
    renders_before = submission.renders
    submission.get_thumbnail("cat.png")
    assert submission.renders == renders_before + 1, (
        "after 300 other images, 'cat.png' should have been evicted from a cache of at most 128"
    )


def test_a_hit_makes_an_image_recently_used_again():
    # Rendered first, then viewed again after 100 other images: from then on it is the most
    # recently used one, so 100 more new images must not push it out of a cache of 128.
    # A first-in-first-out cache evicts it anyway (it went in 200 images ago).
    submission.get_thumbnail("dog.png")
    for n in range(100):
        submission.get_thumbnail(f"beach-{n}.jpg")
    submission.get_thumbnail("dog.png")
    for n in range(100):
        submission.get_thumbnail(f"city-{n}.jpg")
    renders_before = submission.renders
    submission.get_thumbnail("dog.png")
    assert submission.renders == renders_before, (
        "'dog.png' was viewed again 100 images ago, yet it was evicted and rendered again: the "
        "cache drops the image that went in first, not the least recently used one. A hit "
        "must make an entry recently used again"
    )


def test_bounded_under_a_long_mixed_workload():
    for n in range(3_000):
        submission.get_thumbnail(n % 7 if n % 2 else 1_000_000 + n)
    alive = count_instances(submission.Thumbnail)
    assert alive <= 128, f"{alive} thumbnails in memory after a long mixed workload"


def test_memory_stays_bounded_whatever_holds_the_pixels():
    # Memory, not only Thumbnail objects: a cache that keeps the images in another form leaks too.
    image_ids = iter(range(50_000, 60_000))
    no_leak(
        lambda: submission.get_thumbnail(next(image_ids)),
        warmup=140,  # past the 128 the cache may hold
        repeat=45,
        msg="memory keeps growing as new images are viewed, whatever object holds them",
    )

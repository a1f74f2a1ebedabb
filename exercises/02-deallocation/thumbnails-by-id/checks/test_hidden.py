import gc

import submission
from leakless import collectable, freed_by_refcount
from submission import Image, ThumbnailCache


def test_the_cache_does_not_keep_images_alive():
    cache = ThumbnailCache()

    def shown_image():
        image = Image("kept?.jpg", [7] * 64)
        cache.get(image)
        return image

    freed_by_refcount(shown_image, msg="an image shown through the cache was not freed when the app dropped it")
    assert len(cache) == 0


def test_the_cache_keeps_the_thumbnail_while_the_image_lives():
    cache = ThumbnailCache()
    image = Image("a.jpg", [1] * 64)
    first_id = id(cache.get(image))  # nobody else keeps the thumbnail
    start = submission.render_count
    assert id(cache.get(image)) == first_id and submission.render_count == start, (
        "the thumbnail of a live image was rendered again: the cache must keep it while the image lives"
    )


def test_only_the_dead_image_is_forgotten():
    cache = ThumbnailCache()
    images = [Image(f"{n}.jpg", [n] * 64) for n in range(5)]
    thumbnails = [cache.get(image) for image in images]
    del images[2]
    assert len(cache) == 4
    start = submission.render_count
    assert [cache.get(image) for image in images] == thumbnails[:2] + thumbnails[3:]
    assert submission.render_count == start, "thumbnails of images that are still alive must be reused"


def test_an_image_in_a_cycle_is_forgotten_after_collection():
    gc.collect()
    cache = ThumbnailCache()

    def image_in_an_album():
        album = {"title": "holidays", "images": []}
        image = Image("cycle.jpg", [3] * 64)
        image.album = album
        album["images"].append(image)
        return image, cache.get(image)

    collectable(image_in_an_album, msg="an image in a reference cycle, and its thumbnail, should be collectable")
    assert len(cache) == 0, "the entry of an image freed by the cycle collector should be gone too"


def test_equal_images_are_still_different_images():
    cache = ThumbnailCache()
    first, second = Image("one.jpg", [5] * 64), Image("copy-of-one.jpg", [5] * 64)
    assert first == second
    assert cache.get(first).source_name == "one.jpg"
    assert cache.get(second).source_name == "copy-of-one.jpg"
    del first
    assert len(cache) == 1

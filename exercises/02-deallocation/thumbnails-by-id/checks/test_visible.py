import submission
from leakless import freed_by_refcount
from submission import Image, ThumbnailCache


def test_thumbnail_is_reused_then_forgotten_with_its_image():
    cache = ThumbnailCache()
    start = submission.render_count

    def show_and_close():
        image = Image("beach.jpg", list(range(64)))
        thumbnail = cache.get(image)
        assert cache.get(image) is thumbnail, "a second get() for the same live image should reuse the thumbnail"
        assert submission.render_count == start + 1
        assert len(cache) == 1
        return image, thumbnail

    freed_by_refcount(
        show_and_close,
        msg="after the image was closed and dropped, its thumbnail is still alive: the cache still "
        "holds it under the image's id, which no longer names anything",
    )
    assert len(cache) == 0, "the cache should have forgotten the entry of an image that was freed"


def test_a_new_image_gets_its_own_thumbnail():
    cache = ThumbnailCache()
    for number in range(20):  # a freed image's id is often reused at once by the next one
        image = Image(f"photo-{number}.jpg", [number] * 64)
        assert cache.get(image).source_name == f"photo-{number}.jpg", (
            f"photo-{number}.jpg got the thumbnail of {cache.get(image).source_name}, an image that no "
            "longer exists but had the same id(): an id is unique only while its object lives"
        )
        del image

# Tries: functools.lru_cache, but with maxsize=None. Wrong: maxsize=None means no limit,
# the cache is the same ever-growing dict as before.
"""Thumbnails for a photo site; rendering one is expensive, so they are cached."""

import functools

renders = 0  # how many thumbnails were rendered, for the site's statistics page


class Thumbnail:
    def __init__(self, image_id, pixels):
        self.image_id = image_id
        self.pixels = pixels


def render_thumbnail(image_id):
    """Expensive: decodes the photo and scales it down (here: 2 KB of pixels)."""
    global renders
    renders += 1
    return Thumbnail(image_id, bytes(2048))


@functools.lru_cache(maxsize=None)  # noqa: UP033 (the learner's code as written)
def get_thumbnail(image_id):
    return render_thumbnail(image_id)

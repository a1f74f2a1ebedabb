# Tries: lru_cache(maxsize=128) on top of the old dict. Wrong: the dict under it still
# keeps every thumbnail ever rendered.
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


_thumbnails = {}  # image_id -> Thumbnail


@functools.lru_cache(maxsize=128)
def get_thumbnail(image_id):
    if image_id not in _thumbnails:
        _thumbnails[image_id] = render_thumbnail(image_id)
    return _thumbnails[image_id]

# Tries: keep only weak references to the thumbnails, so the cache holds nothing. Wrong: nothing
# else keeps a thumbnail, so it is freed at once and every request renders again.
"""Thumbnails for a photo site; rendering one is expensive, so they are cached."""

import weakref

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


_thumbnails = weakref.WeakValueDictionary()  # image_id -> Thumbnail


def get_thumbnail(image_id):
    thumbnail = _thumbnails.get(image_id)
    if thumbnail is None:
        thumbnail = _thumbnails[image_id] = render_thumbnail(image_id)
    return thumbnail

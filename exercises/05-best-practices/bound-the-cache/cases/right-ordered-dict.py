# An OrderedDict used as an LRU list: a hit moves the entry to the end, a miss on a
# full cache drops the first (least recently used) entry. Right.
"""Thumbnails for a photo site; rendering one is expensive, so they are cached."""

from collections import OrderedDict

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


MAX_THUMBNAILS = 128
_thumbnails = OrderedDict()  # image_id -> Thumbnail, least recently used first


def get_thumbnail(image_id):
    if image_id in _thumbnails:
        _thumbnails.move_to_end(image_id)
        return _thumbnails[image_id]
    thumbnail = _thumbnails[image_id] = render_thumbnail(image_id)
    if len(_thumbnails) > MAX_THUMBNAILS:
        _thumbnails.popitem(last=False)
    return thumbnail

# Tries: a dict that drops its oldest entry when it holds 128. Wrong: that is first in,
# first out; a popular image used a moment ago is evicted because it was added long ago.
"""Thumbnails for a photo site; rendering one is expensive, so they are cached."""

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


_thumbnails = {}  # image_id -> Thumbnail, in insertion order


def get_thumbnail(image_id):
    if image_id not in _thumbnails:
        if len(_thumbnails) >= 128:
            del _thumbnails[next(iter(_thumbnails))]
        _thumbnails[image_id] = render_thumbnail(image_id)
    return _thumbnails[image_id]

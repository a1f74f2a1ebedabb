# A plain dict keeps insertion order: taking an entry out and putting it back on a hit
# makes the order "least recently used first", so the first key is the one to evict. Right.
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


_thumbnails = {}  # image_id -> Thumbnail, least recently used first


def get_thumbnail(image_id):
    thumbnail = _thumbnails.pop(image_id, None)
    if thumbnail is None:
        thumbnail = render_thumbnail(image_id)
        if len(_thumbnails) >= 128:
            del _thumbnails[next(iter(_thumbnails))]
    _thumbnails[image_id] = thumbnail
    return thumbnail

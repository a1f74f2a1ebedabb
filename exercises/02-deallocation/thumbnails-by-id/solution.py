import weakref

render_count = 0  # how many thumbnails were rendered (rendering is slow)


class Image:
    """From the photo library (you cannot change it). Images compare by their pixels,
    so they are unhashable: no dict keys, no set members."""

    def __init__(self, name, pixels):
        self.name = name
        self.pixels = pixels

    def __eq__(self, other):
        return isinstance(other, Image) and self.pixels == other.pixels

    __hash__ = None


class Thumbnail:
    def __init__(self, image):
        self.source_name = image.name
        self.pixels = image.pixels[::4]


def render_thumbnail(image):
    global render_count
    render_count += 1
    return Thumbnail(image)


class ThumbnailCache:
    def __init__(self):
        self._by_id = {}  # id(image) -> Thumbnail

    def get(self, image):
        key = id(image)
        thumbnail = self._by_id.get(key)
        if thumbnail is None:
            thumbnail = render_thumbnail(image)
            self._by_id[key] = thumbnail
            # id(image) names this image only while it lives; the same number may be
            # given to the next object. So forget the entry the moment the image dies.
            # The callback and its arguments must not refer to the image: the finalize
            # registry keeps them alive until then.
            weakref.finalize(image, self._by_id.pop, key, None)
        return thumbnail

    def __len__(self):
        return len(self._by_id)

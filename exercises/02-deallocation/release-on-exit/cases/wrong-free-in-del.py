# Gives the handle back in __exit__ but leaves the pixels to a __del__ method: __del__ runs
# only when the ImageFile itself dies, and the caller's `img` keeps it alive. Wrong.
open_handles = set()  # file handles the editor holds; the operating system allows only a few


class Pixels:
    """Decoded image data: 4 bytes (red, green, blue, alpha) per pixel."""

    def __init__(self, width, height):
        self.width = width
        self.height = height
        self.data = bytearray(width * height * 4)


class ImageFile:
    def __init__(self, name, width, height):
        self.name = name
        self.handle = f"handle:{name}"
        open_handles.add(self.handle)
        self.pixels = Pixels(width, height)
        self.closed = False

    def brightness(self):
        """Mean of the red, green and blue channels, from 0 to 255."""
        data = self.pixels.data
        return (sum(data) - sum(data[3::4])) / (len(data) * 3 / 4)

    def close(self):
        if self.closed:
            return
        open_handles.discard(self.handle)
        # The caller's name (`with ... as img`) outlives the block: while the image
        # refers to its pixels, they live as long as the caller keeps the image.
        self.closed = True

    def __del__(self):
        self.pixels = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        # Runs however the block ends; returning a false value lets its exception through.
        self.close()
        return False


def open_image(name, width, height):
    return ImageFile(name, width, height)

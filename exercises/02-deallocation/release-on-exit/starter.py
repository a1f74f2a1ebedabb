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
        open_handles.discard(self.handle)
        self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.close()


def open_image(name, width, height):
    return ImageFile(name, width, height)

# Builds the context manager with contextlib.contextmanager: the generator's try/finally
# closes the image however the block ends, and the exception is re-raised. Right.
import contextlib

open_handles = set()


class Pixels:
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
        data = self.pixels.data
        return (sum(data) - sum(data[3::4])) / (len(data) * 3 / 4)

    def close(self):
        if not self.closed:
            open_handles.discard(self.handle)
            self.pixels = None
            self.closed = True

    def __enter__(self):
        self._managed = self._manage()
        return self._managed.__enter__()

    def __exit__(self, *exc_info):
        managed, self._managed = self._managed, None
        return managed.__exit__(*exc_info)

    @contextlib.contextmanager
    def _manage(self):
        try:
            yield self
        finally:
            self.close()


def open_image(name, width, height):
    return ImageFile(name, width, height)

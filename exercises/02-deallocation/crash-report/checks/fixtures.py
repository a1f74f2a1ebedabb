import weakref


class Photos(list):
    """A batch of photos (a list that weak references can watch)."""


def photos(count):
    return Photos(bytearray(256) for _ in range(count))


def resize_batch(batch):
    resized = []
    for index, photo in enumerate(batch):
        if index == 3:
            raise ValueError(f"photo {index} is corrupt")
        resized.append(photo[:64])
    return resized


made_by_jobs = []  # weak references to the batches that jobs made for themselves


def thumbnails_of_the_day(count):
    """Makes a batch of its own, then fails half-way through it."""
    batch = photos(count)
    made_by_jobs.append(weakref.ref(batch))
    return resize_batch(batch)


def batches_still_alive():
    return sum(1 for ref in made_by_jobs if ref() is not None)


def upload_with_retry(batch):
    try:
        raise TimeoutError(f"no answer after sending {len(batch)} photos")
    except TimeoutError:
        # Raised while handling the timeout, on purpose: the report shows both (__context__).
        raise ConnectionError("upload abandoned")  # noqa: B904

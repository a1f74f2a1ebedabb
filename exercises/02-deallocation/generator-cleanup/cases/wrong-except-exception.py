# Closes the reader after the loop and on any Exception, but GeneratorExit (how Python
# closes a generator that a caller stopped using) derives from BaseException, not
# Exception: a search that stops early still leaves its reader open. Wrong.
class Archive:
    """Compressed log files, by name; each file is a list of lines."""

    def __init__(self, files):
        self.files = files
        self.open_readers = []  # names of the open readers: there are only a few slots
        self.lines_read = 0

    def open(self, name):
        return Reader(self, name)


class Reader:
    """Decompresses one log file, line by line. Close it when you are done (or use `with`)."""

    def __init__(self, archive, name):
        self.archive = archive
        self.name = name
        self.buffer = bytearray(64 * 1024)  # the decompression window
        self.closed = False
        archive.open_readers.append(name)

    def lines(self):
        for line in self.archive.files[self.name]:
            if self.closed:
                raise ValueError(f"{self.name}: read from a closed reader")
            self.archive.lines_read += 1
            yield line

    def close(self):
        if self.closed:
            raise RuntimeError(f"{self.name}: reader closed twice")
        self.closed = True
        self.buffer = None
        self.archive.open_readers.remove(self.name)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close()


def parse(line):
    """'2026-03-01 10:00:05 ERROR disk full' -> ('2026-03-01 10:00:05', 'ERROR', 'disk full')."""
    day, time, level, message = line.split(" ", 3)
    return (f"{day} {time}", level, message)


def read_records(archive, name):
    """The records of one log file, read one line at a time."""
    reader = archive.open(name)
    try:
        for line in reader.lines():
            yield parse(line)
    except Exception:
        reader.close()
        raise
    reader.close()


# The viewer's functions: each stops reading as soon as it has its answer.


def first_error(archive, name):
    for when, level, message in read_records(archive, name):
        if level == "ERROR":
            return (when, message)
    return None


def count_until(archive, name, stop_at):
    """How many records come before the first one at or after `stop_at`."""
    count = 0
    for when, _, _ in read_records(archive, name):
        if when >= stop_at:
            break
        count += 1
    return count

from submission import read_records


def open_readers_when_it_fails(archive, name):
    """Reads every record of a log that has a bad line; returns (the error's message, the
    readers that were still open while the caller was handling the error)."""
    try:
        for _ in read_records(archive, name):
            pass
    except ValueError as error:
        return str(error), list(archive.open_readers)
    return None, list(archive.open_readers)

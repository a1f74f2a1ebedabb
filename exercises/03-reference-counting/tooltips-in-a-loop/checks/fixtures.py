"""Records the checks hand to make_tooltips(); this file runs beside your code."""


class Payload(bytearray):
    """A file's contents; unlike a plain bytearray, it can be watched with a weak reference."""


class Record:
    def __init__(self, name, size):
        self.name = name
        self.payload = Payload(size)

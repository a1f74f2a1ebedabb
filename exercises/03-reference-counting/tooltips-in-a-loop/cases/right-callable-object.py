# Right: a small callable class that stores only the name and the size, not the record.
class Tooltip:
    __slots__ = ("name", "size")

    def __init__(self, record):
        self.name = record.name
        self.size = len(record.payload)

    def __call__(self):
        return f"{self.name}: {self.size} bytes"


def make_tooltips(records):
    return [Tooltip(record) for record in records]

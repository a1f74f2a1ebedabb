# Wrong: deleting the local name changes nothing: the slice stored in the header is a
# reference to the packet's buffer of its own.
class Header:
    def __init__(self, kind, flags, length, raw):
        self.kind = kind
        self.flags = flags
        self.length = length
        self.raw = raw


def read_header(packet):
    view = memoryview(packet)
    length = int.from_bytes(view[4:8], "big")
    raw = view[:8]
    kind, flags = view[0], view[1]
    del view
    return Header(kind, flags, length, raw)

# Wrong: a view of a copy of the whole packet: the caller's packet is freed, but each header
# keeps a full-size copy alive instead.
class Header:
    def __init__(self, kind, flags, length, raw):
        self.kind = kind
        self.flags = flags
        self.length = length
        self.raw = raw


def read_header(packet):
    view = memoryview(bytes(packet))
    length = int.from_bytes(view[4:8], "big")
    return Header(view[0], view[1], length, view[:8])

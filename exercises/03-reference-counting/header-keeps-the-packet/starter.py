class Header:
    def __init__(self, kind, flags, length, raw):
        self.kind = kind
        self.flags = flags
        self.length = length
        self.raw = raw


def read_header(packet):
    """Parse the 8-byte header at the start of `packet` (bytes or bytearray)."""
    view = memoryview(packet)  # no copy: parsing a large packet stays cheap
    length = int.from_bytes(view[4:8], "big")
    return Header(view[0], view[1], length, view[:8])

# Right: slicing bytes or a bytearray copies; the header keeps its own 8 bytes and the
# fields are read from them.
class Header:
    def __init__(self, kind, flags, length, raw):
        self.kind = kind
        self.flags = flags
        self.length = length
        self.raw = raw


def read_header(packet):
    raw = bytes(packet[:8])
    return Header(raw[0], raw[1], int.from_bytes(raw[4:8], "big"), raw)

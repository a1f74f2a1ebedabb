# Wrong: a `with` block releases the view at its end, but not the slice made from it,
# which still refers to the whole packet.
class Header:
    def __init__(self, kind, flags, length, raw):
        self.kind = kind
        self.flags = flags
        self.length = length
        self.raw = raw


def read_header(packet):
    with memoryview(packet) as view:
        length = int.from_bytes(view[4:8], "big")
        return Header(view[0], view[1], length, view[:8])

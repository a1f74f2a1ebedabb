# Wrong: releasing the parent view does not release the slice: the 8-byte slice holds its
# own reference to the packet's buffer, so the packet stays alive (and shows later changes).
class Header:
    def __init__(self, kind, flags, length, raw):
        self.kind = kind
        self.flags = flags
        self.length = length
        self.raw = raw


def read_header(packet):
    view = memoryview(packet)
    length = int.from_bytes(view[4:8], "big")
    header = Header(view[0], view[1], length, view[:8])
    view.release()
    return header

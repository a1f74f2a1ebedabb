# Right: the struct module reads the fields; the header keeps a bytes copy of the
# 8 header bytes (struct.unpack_from does not copy the packet).
import struct


class Header:
    def __init__(self, kind, flags, length, raw):
        self.kind = kind
        self.flags = flags
        self.length = length
        self.raw = raw


def read_header(packet):
    kind, flags, length = struct.unpack_from(">BB2xI", packet)
    return Header(kind, flags, length, bytes(memoryview(packet)[:8]))

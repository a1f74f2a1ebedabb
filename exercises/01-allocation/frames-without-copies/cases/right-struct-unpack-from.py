# Tries: struct.unpack_from reads both header numbers at an offset, with no slice, and zlib
# checks a memoryview slice of the payload. Right: nothing of the recording is copied.
import struct
import zlib

HEADER = struct.Struct(">II")


def corrupt_frames(data):
    view = memoryview(data)
    bad = []
    offset = 0
    index = 0
    while offset < len(data):
        length, checksum = HEADER.unpack_from(data, offset)
        offset += HEADER.size
        if zlib.crc32(view[offset : offset + length]) != checksum:
            bad.append(index)
        offset += length
        index += 1
    return bad

"""Check a recording of a sensor network's radio traffic for frames damaged in transit.

A recording is one bytes object: frame after frame, each one
    4 bytes  the payload's length (big-endian)
    4 bytes  the CRC-32 of the payload (big-endian), as the sender computed it
    payload  that many bytes
"""

import zlib


def corrupt_frames(data):
    """Indices (0, 1, 2 ...) of the frames whose payload does not match its checksum."""
    # Slicing bytes copies the bytes; slicing a memoryview makes a small view of the same
    # memory. So walk the recording with an offset, and hand zlib views, not copies.
    view = memoryview(data)
    bad = []
    index = offset = 0
    while offset < len(view):
        length = int.from_bytes(view[offset : offset + 4], "big")
        checksum = int.from_bytes(view[offset + 4 : offset + 8], "big")
        start = offset + 8
        if zlib.crc32(view[start : start + length]) != checksum:
            bad.append(index)
        offset = start + length
        index += 1
    return bad

"""Check a recording of a sensor network's radio traffic for frames damaged in transit.

A recording is one bytes object: frame after frame, each one
    4 bytes  the payload's length (big-endian)
    4 bytes  the CRC-32 of the payload (big-endian), as the sender computed it
    payload  that many bytes
"""

import zlib


def corrupt_frames(data):
    """Indices (0, 1, 2 ...) of the frames whose payload does not match its checksum."""
    bad = []
    index = 0
    while data:
        length = int.from_bytes(data[:4], "big")
        checksum = int.from_bytes(data[4:8], "big")
        payload = data[8 : 8 + length]
        if zlib.crc32(payload) != checksum:
            bad.append(index)
        data = data[8 + length :]
        index += 1
    return bad

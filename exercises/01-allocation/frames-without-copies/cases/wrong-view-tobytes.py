# Tries: wraps the recording in a memoryview, then converts each payload with .tobytes()
# because "zlib wants bytes". Wrong: .tobytes() copies the payload, which the view was
# there to avoid (zlib.crc32 accepts the view itself).
import zlib


def corrupt_frames(data):
    view = memoryview(data)
    bad = []
    index = 0
    while len(view):
        length = int.from_bytes(view[:4], "big")
        checksum = int.from_bytes(view[4:8], "big")
        if zlib.crc32(view[8 : 8 + length].tobytes()) != checksum:
            bad.append(index)
        view = view[8 + length :]
        index += 1
    return bad

# Tries: a memoryview for reading, but the rest of the recording is turned back into bytes
# at every frame. Wrong: bytes(view[...]) copies the rest of the recording at each frame,
# just like the original slicing.
import zlib


def corrupt_frames(data):
    bad = []
    index = 0
    while data:
        view = memoryview(data)
        length = int.from_bytes(view[:4], "big")
        checksum = int.from_bytes(view[4:8], "big")
        if zlib.crc32(view[8 : 8 + length]) != checksum:
            bad.append(index)
        data = bytes(view[8 + length :])
        index += 1
    return bad

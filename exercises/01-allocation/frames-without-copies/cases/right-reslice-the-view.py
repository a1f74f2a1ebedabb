# Tries: keeps the original loop that cuts the front off at every frame, but cuts a
# memoryview, inside a with block that releases it. Right: slicing a view makes a new small
# view of the same memory, so nothing is copied, and the view is released on return.
import zlib


def corrupt_frames(data):
    bad = []
    with memoryview(data) as rest:
        index = 0
        while rest:
            length = int.from_bytes(rest[:4], "big")
            checksum = int.from_bytes(rest[4:8], "big")
            if zlib.crc32(rest[8 : 8 + length]) != checksum:
                bad.append(index)
            rest = rest[8 + length :]
            index += 1
    return bad

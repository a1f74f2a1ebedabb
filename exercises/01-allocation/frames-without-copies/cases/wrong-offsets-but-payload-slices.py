# Tries: walks the recording with an offset instead of cutting its front off, but still
# slices the bytes for each payload. Wrong: every payload is copied before it is checked,
# so a recording with a large frame needs as much memory again as that frame.
import zlib


def corrupt_frames(data):
    bad = []
    index = offset = 0
    while offset < len(data):
        length = int.from_bytes(data[offset : offset + 4], "big")
        checksum = int.from_bytes(data[offset + 4 : offset + 8], "big")
        payload = data[offset + 8 : offset + 8 + length]
        if zlib.crc32(payload) != checksum:
            bad.append(index)
        offset += 8 + length
        index += 1
    return bad

import zlib

from leakless import assert_peak_below, in_learner
from submission import corrupt_frames


def frame(payload, damaged=False):
    crc = zlib.crc32(payload) ^ (0x8000 if damaged else 0)
    return len(payload).to_bytes(4, "big") + crc.to_bytes(4, "big") + payload


def test_a_large_payload_is_not_copied_either():
    big = bytes(range(256)) * 600  # one 150 KB frame among small ones
    data = frame(b"start") + frame(big, damaged=True) + frame(b"x" * 30) + frame(big)
    assert corrupt_frames(data) == [1]
    stored = in_learner(data)
    assert_peak_below(
        lambda: corrupt_frames(stored),
        len(big) // 10,
        msg="a frame with a 150 KB payload made the check allocate about as much: the payload was "
        "copied (a bytes slice, `bytes(view[...])` or `.tobytes()`). Pass zlib a view of it",
    )


def test_a_bytearray_recording_works_and_stays_resizable():
    data = in_learner(bytearray(frame(b"a" * 50) + frame(b"b" * 70, damaged=True) + frame(b"c")))
    assert corrupt_frames(data) == [1]
    # A memoryview that outlives the call would keep the bytearray exported, and then
    # it cannot change size (BufferError).
    data.extend(frame(b"later", damaged=True))
    assert corrupt_frames(data) == [1, 3]


def test_every_kind_of_frame():
    payloads = [b"", b"\x00" * 9, bytes(range(200)), b"\xff" * 3, b""]
    data = b"".join(frame(p, damaged=i in (0, 2, 4)) for i, p in enumerate(payloads))
    assert corrupt_frames(data) == [0, 2, 4]
    clean = b"".join(frame(p) for p in payloads)
    assert corrupt_frames(clean) == []

import zlib

from leakless import assert_peak_below, in_learner
from submission import corrupt_frames


def frame(payload, damaged=False):
    crc = zlib.crc32(payload) ^ (1 if damaged else 0)
    return len(payload).to_bytes(4, "big") + crc.to_bytes(4, "big") + payload


def recording(frames, size, damaged_every):
    return b"".join(frame(bytes([i % 251]) * size, damaged=i % damaged_every == 3) for i in range(frames))


def test_finds_the_damaged_frames():
    data = frame(b"21.5C") + frame(b"21.7C", damaged=True) + frame(b"") + frame(b"hello", damaged=True)
    assert corrupt_frames(data) == [1, 3]
    assert corrupt_frames(b"") == [], "an empty recording has no damaged frame"


def test_reading_a_recording_does_not_copy_it():
    data = recording(frames=100, size=300, damaged_every=10)
    assert corrupt_frames(data) == list(range(3, 100, 10))
    stored = in_learner(data)  # made in your program's memory, so only your code's allocations count
    assert_peak_below(
        lambda: corrupt_frames(stored),
        len(data) // 10,
        msg=f"checking a recording of {len(data)} bytes needed a tenth of its size or more in new memory: "
        "slicing bytes copies them, so each `data[8 + length:]` copies the rest of the recording. "
        "Walk it with an offset and slice a `memoryview` of it",
    )

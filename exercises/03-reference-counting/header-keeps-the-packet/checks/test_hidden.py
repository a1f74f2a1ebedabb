from fixtures import Packet, packet_bytes
from leakless import deep_size, freed_by_refcount, in_learner, refcount_delta
from submission import read_header


def test_large_lengths_and_bytes_packets():
    header = read_header(bytes([255, 128, 9, 9]) + (3_000_000_000).to_bytes(4, "big") + b"payload")
    assert (header.kind, header.flags, header.length) == (255, 128, 3_000_000_000)
    assert bytes(header.raw) == bytes([255, 128, 9, 9]) + (3_000_000_000).to_bytes(4, "big")


def test_a_bytes_packet_is_not_kept():
    # bytes cannot be weakly referenced: watch the packet's reference count instead.
    packet = in_learner(packet_bytes(3, 2, 20_000))
    index = []
    delta = refcount_delta(packet, lambda: index.append(read_header(packet)))
    assert delta == 0, "the header keeps a reference to the whole packet"
    assert index[0].length == 20_000


def test_raw_survives_a_reused_buffer():
    buffer = Packet(packet_bytes(1, 1, 256))
    header = read_header(buffer)
    buffer.refill(packet_bytes(9, 9, 256))
    assert bytes(header.raw) == bytes([1, 1, 0, 0, 0, 0, 1, 0]), (
        "the header's raw bytes changed when the caller reused its buffer: `raw` still shows the buffer"
    )


def test_header_keeps_no_copy_of_the_packet():
    # Copying the whole packet first (bytes(packet), then a view of the copy) frees the
    # caller's packet but keeps just as much memory.
    header = read_header(Packet(packet_bytes(4, 0, 100_000)))
    kept = deep_size(header)
    raw = header.raw
    if isinstance(raw, memoryview):
        kept += len(raw.obj)
    assert kept < 10_000, "a header keeps something as large as the packet (a copy?): keep only its 8 bytes"
    assert bytes(raw) == bytes([4, 0, 0, 0]) + (100_000).to_bytes(4, "big")


def test_many_packets_freed():
    index = []

    def capture():
        packets = tuple(Packet(packet_bytes(n % 256, n % 2, 2_000)) for n in range(30))
        index.extend(read_header(packet) for packet in packets)
        return packets

    freed_by_refcount(capture, msg="every packet should be freed once only its header is kept")
    assert [header.flags for header in index[:4]] == [0, 1, 0, 1]

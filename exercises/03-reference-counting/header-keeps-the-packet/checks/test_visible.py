from fixtures import Packet, packet_bytes
from leakless import freed_by_refcount
from submission import read_header


def test_header_fields():
    header = read_header(Packet(packet_bytes(7, 1, 512)))
    assert (header.kind, header.flags, header.length) == (7, 1, 512)
    assert bytes(header.raw) == bytes([7, 1, 0, 0, 0, 0, 2, 0])


def test_packets_are_freed_while_their_headers_are_kept():
    index = []

    def capture():
        packets = [Packet(packet_bytes(kind, 0, 50_000)) for kind in range(3)]
        index.extend(read_header(packet) for packet in packets)
        return packets

    freed_by_refcount(
        capture,
        msg=(
            "the packets are still alive although only their headers are kept: "
            "`header.raw` is a memoryview, and a memoryview (a slice of one too) refers to "
            "the whole object whose bytes it shows. Keep a copy of the 8 header bytes."
        ),
    )
    assert [header.kind for header in index] == [0, 1, 2]

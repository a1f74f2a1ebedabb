"""Packets the checks hand to read_header(); this file runs beside your code."""


class Packet(bytearray):
    """A packet buffer; unlike a plain bytearray, it can be watched with a weak reference."""

    def refill(self, data):
        """Reuse this buffer for the next packet (same size: a buffer in use cannot be resized)."""
        self[:] = data


def packet_bytes(kind, flags, payload_size):
    """A packet with that header and a payload of `payload_size` bytes."""
    return bytes([kind, flags, 0, 0]) + payload_size.to_bytes(4, "big") + bytes(range(256)) * (payload_size // 256)

# Tries: a dataclass, "which is lighter". Wrong: a plain dataclass is a normal class with a
# per-instance __dict__; only @dataclass(slots=True) removes it.
"""GPS track of a hike: one Waypoint per second."""

from array import array
from dataclasses import dataclass


@dataclass
class Waypoint:
    lat: float
    lon: float
    elevation: float


def elevation_profile(track):
    """The elevations of the track, in order, for the elevation chart."""
    return array("d", (p.elevation for p in track))

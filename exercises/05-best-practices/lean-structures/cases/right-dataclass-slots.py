# @dataclass(slots=True) writes the __slots__ for the three fields; the profile is an
# array("d") filled by appending. Right.
"""GPS track of a hike: one Waypoint per second."""

from array import array
from dataclasses import dataclass


@dataclass(slots=True)
class Waypoint:
    lat: float
    lon: float
    elevation: float


def elevation_profile(track):
    """The elevations of the track, in order, for the elevation chart."""
    profile = array("d")
    for point in track:
        profile.append(point.elevation)
    return profile

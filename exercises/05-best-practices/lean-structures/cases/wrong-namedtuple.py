# Tries: a namedtuple, which has no __dict__. Wrong: its fields cannot be assigned
# (`p.elevation = 1200.0` raises), and it has no slots named lat, lon and elevation.
"""GPS track of a hike: one Waypoint per second."""

from array import array
from collections import namedtuple

Waypoint = namedtuple("Waypoint", ["lat", "lon", "elevation"])


def elevation_profile(track):
    """The elevations of the track, in order, for the elevation chart."""
    return array("d", (p.elevation for p in track))

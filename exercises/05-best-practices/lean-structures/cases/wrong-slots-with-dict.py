# Tries: __slots__ that also lists "__dict__", "to stay flexible". Wrong: that gives every
# instance a __dict__ again, which is exactly the per-instance cost slots remove.
"""GPS track of a hike: one Waypoint per second."""

from array import array


class Waypoint:
    __slots__ = ("lat", "lon", "elevation", "__dict__")

    def __init__(self, lat, lon, elevation):
        self.lat = lat
        self.lon = lon
        self.elevation = elevation


def elevation_profile(track):
    """The elevations of the track, in order, for the elevation chart."""
    return array("d", (p.elevation for p in track))

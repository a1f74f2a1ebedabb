"""GPS track of a hike: one Waypoint per second."""

from array import array


class Waypoint:
    # A track holds ~100 000 waypoints that all have these three fields and never
    # any other, so each instance gets three fixed slots and no __dict__.
    __slots__ = ("lat", "lon", "elevation")

    def __init__(self, lat, lon, elevation):
        self.lat = lat
        self.lon = lon
        self.elevation = elevation


def elevation_profile(track):
    """The elevations of the track, in order, for the elevation chart."""
    # array("d") stores the raw 8-byte doubles; a list would store a pointer per
    # item plus a separate float object per item.
    return array("d", (p.elevation for p in track))

# Tries: array("f") to halve the memory again. Wrong: "f" stores 4-byte floats, which
# round most elevations (8848.86 comes back as 8848.8603515625); the task asks for "d".
"""GPS track of a hike: one Waypoint per second."""

from array import array


class Waypoint:
    __slots__ = ("lat", "lon", "elevation")

    def __init__(self, lat, lon, elevation):
        self.lat = lat
        self.lon = lon
        self.elevation = elevation


def elevation_profile(track):
    """The elevations of the track, in order, for the elevation chart."""
    return array("f", (p.elevation for p in track))

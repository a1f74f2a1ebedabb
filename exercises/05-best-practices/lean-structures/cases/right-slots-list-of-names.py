# __slots__ as a list and the array built from a list (the task's reference does the same);
# both are as lean as the solution's. Right.
"""GPS track of a hike: one Waypoint per second."""

from array import array


class Waypoint:
    __slots__ = ["lat", "lon", "elevation"]

    def __init__(self, lat, lon, elevation):
        self.lat = lat
        self.lon = lon
        self.elevation = elevation


def elevation_profile(track):
    """The elevations of the track, in order, for the elevation chart."""
    return array("d", [p.elevation for p in track])

"""GPS track of a hike: one Waypoint per second."""


class Waypoint:
    def __init__(self, lat, lon, elevation):
        self.lat = lat
        self.lon = lon
        self.elevation = elevation


def elevation_profile(track):
    """The elevations of the track, in order, for the elevation chart."""
    return [p.elevation for p in track]

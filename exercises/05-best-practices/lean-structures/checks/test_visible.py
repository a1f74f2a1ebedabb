from array import array

import submission
from leakless import assert_peak_ratio, assert_smaller


class LeanWaypoint:
    """The memory-efficient reference the learner's class is compared with."""

    __slots__ = ("lat", "lon", "elevation")

    def __init__(self, lat, lon, elevation):
        self.lat = lat
        self.lon = lon
        self.elevation = elevation


def coordinates(n):
    # Built before measuring, so that only the waypoints themselves are compared.
    return [(45.0 + i / 1e4, 6.0 + i / 1e4, 1000.0 + i % 500) for i in range(n)]


def test_a_waypoint_has_no_per_instance_dict():
    point = submission.Waypoint(45.8326, 6.8652, 4808.0)
    assert (point.lat, point.lon, point.elevation) == (45.8326, 6.8652, 4808.0)
    assert not hasattr(point, "__dict__"), (
        "each `Waypoint` still carries a per-instance `__dict__`, the machinery that lets an "
        "object take new attributes. Declare the three fields with `__slots__`."
    )


def test_many_waypoints_take_less_memory():
    coords = coordinates(5_000)
    assert_peak_ratio(
        lambda: [submission.Waypoint(*c) for c in coords],
        lambda: [LeanWaypoint(*c) for c in coords],
        1.25,
        msg="5 000 `Waypoint` objects take much more memory than they need to: "
        "without `__slots__`, each one keeps room for attributes it may never get",
    )


def test_the_profile_is_an_array_of_doubles():
    track = [submission.Waypoint(*c) for c in coordinates(1_000)]
    profile = submission.elevation_profile(track)
    assert isinstance(profile, array) and profile.typecode == "d", (
        f"elevation_profile returned a {type(profile).__name__}: return an "
        "`array.array('d', ...)`, which stores the raw 8-byte numbers"
    )
    assert list(profile) == [p.elevation for p in track]
    assert_smaller(profile, [p.elevation for p in track])

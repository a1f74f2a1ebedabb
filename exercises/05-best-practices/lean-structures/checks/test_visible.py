from array import array

import submission
from leakless import assert_smaller, deep_size, instance_layout


class LeanWaypoint:
    """The memory-efficient reference (here, in the check: the learner's code cannot change it)."""

    __slots__ = ("lat", "lon", "elevation")

    def __init__(self, lat, lon, elevation):
        self.lat = lat
        self.lon = lon
        self.elevation = elevation


def coordinates(n):
    return [(45.0 + i / 1e4, 6.0 + i / 1e4, 1000.0 + i % 500) for i in range(n)]


def test_a_waypoint_has_no_per_instance_dict():
    point = submission.Waypoint(45.8326, 6.8652, 4808.0)
    assert (point.lat, point.lon, point.elevation) == (45.8326, 6.8652, 4808.0)
    has_dict, slots = instance_layout(point)
    assert not has_dict, (
        "each `Waypoint` still carries a per-instance `__dict__`, the machinery that lets an "
        "object take new attributes. Declare the three fields with `__slots__`."
    )
    assert sorted(slots) == ["elevation", "lat", "lon"], (
        f"`Waypoint` has the slots {sorted(slots)}: it needs exactly `lat`, `lon` and `elevation`"
    )


def test_many_waypoints_take_less_memory():
    # The overhead is per instance: 150 waypoints show it as well as thousands would.
    coords = coordinates(150)
    track = [submission.Waypoint(*c) for c in coords]
    # Fresh floats for the reference too: the learner's waypoints hold their own copies.
    reference = [LeanWaypoint(a + 0.0, b + 0.0, c + 0.0) for a, b, c in coords]
    size = sum(deep_size(p) for p in track)
    lean = sum(deep_size(r) for r in reference)
    assert size <= 1.25 * lean, (
        f"150 `Waypoint` objects take {size} bytes with their values, {size / lean:.1f}× "
        "what they need: without `__slots__`, each one keeps room for attributes it may never get"
    )


def test_the_profile_is_an_array_of_doubles():
    track = [submission.Waypoint(*c) for c in coordinates(100)]
    profile = submission.elevation_profile(track)
    assert isinstance(profile, array) and profile.typecode == "d", (
        f"elevation_profile returned a {type(profile).__name__}: return an "
        "`array.array('d', ...)`, which stores the raw 8-byte numbers"
    )
    assert list(profile) == [p.elevation for p in track]
    assert_smaller(profile, [p.elevation for p in track])

from array import array

import submission
from leakless import assert_peak_ratio


class LeanWaypoint:
    __slots__ = ("lat", "lon", "elevation")

    def __init__(self, lat, lon, elevation):
        self.lat = lat
        self.lon = lon
        self.elevation = elevation


def test_waypoints_still_behave_like_records():
    point = submission.Waypoint(lat=-33.9, lon=18.4, elevation=1085.0)
    point.elevation = 1086.5
    assert (point.lat, point.lon, point.elevation) == (-33.9, 18.4, 1086.5)
    assert set(type(point).__slots__) == {"lat", "lon", "elevation"}


def test_an_empty_track_gives_an_empty_array():
    profile = submission.elevation_profile([])
    assert isinstance(profile, array) and profile.typecode == "d" and len(profile) == 0


def test_profile_values_are_exact_and_in_order():
    elevations = [1.5, -0.25, 8848.86, 0.0, 1e-3]
    track = [submission.Waypoint(0.0, 0.0, e) for e in elevations]
    assert submission.elevation_profile(track).tolist() == elevations
    assert submission.elevation_profile(iter(track)).tolist() == elevations


def test_a_long_track_stays_lean():
    coords = [(float(i), float(-i), float(i % 3000)) for i in range(6_000)]
    assert_peak_ratio(
        lambda: [submission.Waypoint(*c) for c in coords],
        lambda: [LeanWaypoint(*c) for c in coords],
        1.25,
    )
    track = [submission.Waypoint(*c) for c in coords]
    assert_peak_ratio(
        lambda: submission.elevation_profile(track),
        lambda: array("d", [p.elevation for p in track]),
        1.25,
    )

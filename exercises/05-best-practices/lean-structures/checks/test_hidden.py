from array import array

import submission
from leakless import assert_peak_ratio, instance_layout, no_leak


def test_waypoints_still_behave_like_records():
    point = submission.Waypoint(lat=-33.9, lon=18.4, elevation=1085.0)
    point.elevation = 1086.5
    assert (point.lat, point.lon, point.elevation) == (-33.9, 18.4, 1086.5)
    has_dict, slots = instance_layout(point)
    assert not has_dict and sorted(slots) == ["elevation", "lat", "lon"]


def test_an_empty_track_gives_an_empty_array():
    profile = submission.elevation_profile([])
    assert isinstance(profile, array) and profile.typecode == "d" and len(profile) == 0


def test_profile_values_are_exact_and_in_order():
    elevations = [1.5, -0.25, 8848.86, 0.0, 1e-3]
    track = [submission.Waypoint(0.0, 0.0, e) for e in elevations]
    assert submission.elevation_profile(track).tolist() == elevations
    assert submission.elevation_profile(iter(track)).tolist() == elevations


def test_making_a_waypoint_keeps_nothing_else_alive():
    no_leak(lambda: submission.Waypoint(1.0, 2.0, 3.0), repeat=30)


def test_a_long_profile_stays_lean():
    track = [submission.Waypoint(float(i), float(-i), float(i % 3000)) for i in range(2_500)]
    assert_peak_ratio(
        lambda: submission.elevation_profile(track),
        lambda: array("d", [p.elevation for p in track]),
        1.25,
    )

"""Load a day of a web shop's access log for the dashboard, which keeps it in memory all day."""

import sys


def load_log(lines):
    """One (timestamp, method, path, status, country) tuple of strings per line of the log."""
    records = []
    for line in lines:
        timestamp, method, path, status, country = line.rstrip("\n").split(",")
        # split() makes new strings every time; sys.intern returns the one shared copy of
        # each value, so a method or a country seen 100 000 times is stored once.
        # Timestamps are all different: interning them would save nothing.
        records.append((timestamp, sys.intern(method), sys.intern(path), sys.intern(status), sys.intern(country)))
    return records

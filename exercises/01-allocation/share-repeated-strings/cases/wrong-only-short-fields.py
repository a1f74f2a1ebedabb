# Tries: interns the method, status and country, the fields that look most repetitive.
# Wrong: the paths repeat too, and they are the longest strings: each record still owns one.
import sys


def load_log(lines):
    """One (timestamp, method, path, status, country) tuple of strings per line of the log."""
    records = []
    for line in lines:
        timestamp, method, path, status, country = line.rstrip("\n").split(",")
        records.append((timestamp, sys.intern(method), path, sys.intern(status), sys.intern(country)))
    return records

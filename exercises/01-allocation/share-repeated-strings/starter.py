"""Load a day of a web shop's access log for the dashboard, which keeps it in memory all day."""


def load_log(lines):
    """One (timestamp, method, path, status, country) tuple of strings per line of the log."""
    records = []
    for line in lines:
        timestamp, method, path, status, country = line.rstrip("\n").split(",")
        records.append((timestamp, method, path, status, country))
    return records

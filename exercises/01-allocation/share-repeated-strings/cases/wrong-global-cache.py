# Tries: one dictionary of canonical strings at module level, shared by every call.
# Wrong: it deduplicates, but it keeps every value of every log ever loaded; the dashboard
# loads a new log each day, so yesterday's paths are never freed and the table grows for ever.
_canonical = {}


def load_log(lines):
    """One (timestamp, method, path, status, country) tuple of strings per line of the log."""
    records = []
    for line in lines:
        timestamp, *rest = line.rstrip("\n").split(",")
        records.append((timestamp, *(_canonical.setdefault(value, value) for value in rest)))
    return records

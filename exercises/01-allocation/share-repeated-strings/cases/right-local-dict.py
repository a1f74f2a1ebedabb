# Tries: a dictionary made inside each call maps every value to the first copy seen.
# Right: records share one copy of each value, and the table is dropped with the call, so
# a dropped log leaves nothing behind.
def load_log(lines):
    """One (timestamp, method, path, status, country) tuple of strings per line of the log."""
    first_copy = {}
    records = []
    for line in lines:
        timestamp, *rest = line.rstrip("\n").split(",")
        shared = []
        for value in rest:
            if value not in first_copy:
                first_copy[value] = value
            shared.append(first_copy[value])
        records.append((timestamp, *shared))
    return records

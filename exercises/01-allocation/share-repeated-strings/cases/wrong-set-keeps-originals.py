# Tries: remembers the values seen in a set. Wrong: a set answers "seen before?", but the
# record still stores the new string from split(), not the copy in the set, so nothing is shared.
def load_log(lines):
    """One (timestamp, method, path, status, country) tuple of strings per line of the log."""
    seen = set()
    records = []
    for line in lines:
        fields = line.rstrip("\n").split(",")
        for value in fields[1:]:
            seen.add(value)
        records.append(tuple(fields))
    return records

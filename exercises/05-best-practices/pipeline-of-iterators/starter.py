"""Analysis of a web server's access logs: one request per line, in time order."""


def parse(line):
    """'2026-03-01T10:00:01 GET /photos/7 200 51200' -> ('2026-03-01T10:00:01', 'GET', '/photos/7', 200, 51200)"""
    time, method, path, status, size = line.split()
    return (time, method, path, int(status), int(size))


def read_requests(*logs):
    lines = []
    for log in logs:
        lines.extend(log)
    return [parse(line) for line in lines if line.strip()]


def bytes_per_day(*logs):
    totals = {}
    for request in read_requests(*logs):
        day = request[0][:10]
        totals[day] = totals.get(day, 0) + request[4]
    return list(totals.items())


def first_errors(n, *logs):
    errors = [request for request in read_requests(*logs) if request[3] >= 500]
    return errors[:n]

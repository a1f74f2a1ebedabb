# A generator, but it reads each whole file into a list before yielding its first
# request: memory grows with the size of a file. Wrong.
"""Analysis of a web server's access logs: one request per line, in time order."""

from itertools import groupby, islice


def parse(line):
    """'2026-03-01T10:00:01 GET /photos/7 200 51200' -> ('2026-03-01T10:00:01', 'GET', '/photos/7', 200, 51200)"""
    time, method, path, status, size = line.split()
    return (time, method, path, int(status), int(size))


def read_requests(*logs):
    # chain reads the logs one after the other, a line at a time: a day that spans two
    # files reaches the next step as one run of lines.
    for log in logs:
        lines = list(log)
        for line in lines:
            if line.strip():
                yield parse(line)


def _day(request):
    return request[0][:10]


def bytes_per_day(*logs):
    # The log is in time order, so a day's requests are consecutive: groupby hands them
    # out as one group, and sum() consumes the group as it goes, holding one at a time.
    for day, requests in groupby(read_requests(*logs), key=_day):
        yield day, sum(request[4] for request in requests)


def first_errors(n, *logs):
    # islice stops asking for requests once it has n: nothing after them is read.
    return islice((request for request in read_requests(*logs) if request[3] >= 500), n)

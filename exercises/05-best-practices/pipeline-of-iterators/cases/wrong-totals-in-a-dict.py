# Streams the requests, but bytes_per_day adds every day into a dict and yields its items
# at the end: a generator, yet no total comes out before the last line of the last log is
# read. Wrong.
"""Analysis of a web server's access logs: one request per line, in time order."""

from itertools import chain, islice


def parse(line):
    """'2026-03-01T10:00:01 GET /photos/7 200 51200' -> ('2026-03-01T10:00:01', 'GET', '/photos/7', 200, 51200)"""
    time, method, path, status, size = line.split()
    return (time, method, path, int(status), int(size))


def read_requests(*logs):
    # chain reads the logs one after the other, a line at a time: a day that spans two
    # files reaches the next step as one run of lines.
    for line in chain.from_iterable(logs):
        if line.strip():
            yield parse(line)


def _day(request):
    return request[0][:10]


def bytes_per_day(*logs):
    # The log is in time order, so a day's requests are consecutive: groupby hands them
    # out as one group, and sum() consumes the group as it goes, holding one at a time.
    totals = {}
    for request in read_requests(*logs):
        totals[_day(request)] = totals.get(_day(request), 0) + request[4]
    yield from totals.items()


def first_errors(n, *logs):
    # islice stops asking for requests once it has n: nothing after them is read.
    return islice((request for request in read_requests(*logs) if request[3] >= 500), n)

# Built from lazy built-ins only: map, filter and itertools; no generator function. Right.
from itertools import chain, groupby, islice
from operator import itemgetter


def parse(line):
    time, method, path, status, size = line.split()
    return (time, method, path, int(status), int(size))


def read_requests(*logs):
    return map(parse, filter(str.strip, chain(*logs)))


def bytes_per_day(*logs):
    days = groupby(read_requests(*logs), key=lambda request: request[0][:10])
    return ((day, sum(map(itemgetter(4), group))) for day, group in days)


def first_errors(n, *logs):
    return islice(filter(lambda request: request[3] >= 500, read_requests(*logs)), n)

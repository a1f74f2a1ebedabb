# Plain generators, no itertools: a running total per day, given out when the day
# changes, and a counter for the errors. Right.


def parse(line):
    time, method, path, status, size = line.split()
    return (time, method, path, int(status), int(size))


def read_requests(*logs):
    for log in logs:
        for line in log:
            if line.strip():
                yield parse(line)


def bytes_per_day(*logs):
    day, total = None, 0
    for request in read_requests(*logs):
        if request[0][:10] != day:
            if day is not None:
                yield day, total
            day, total = request[0][:10], 0
        total += request[4]
    if day is not None:
        yield day, total


def first_errors(n, *logs):
    if n <= 0:
        return
    found = 0
    for request in read_requests(*logs):
        if request[3] >= 500:
            yield request
            found += 1
            if found == n:
                return

"""Runs beside your code: ids that count how often they are compared."""


class CountingId(int):
    comparisons = 0

    def __eq__(self, other):
        CountingId.comparisons += 1
        return int(self) == int(other)

    def __lt__(self, other):
        CountingId.comparisons += 1
        return int(self) < int(other)

    def __gt__(self, other):
        CountingId.comparisons += 1
        return int(self) > int(other)

    def __le__(self, other):
        CountingId.comparisons += 1
        return int(self) <= int(other)

    def __ge__(self, other):
        CountingId.comparisons += 1
        return int(self) >= int(other)

    __hash__ = int.__hash__


def counting_ids(count):
    return [CountingId(3 * i) for i in range(count)]


def comparisons_for(ids, wanted, search):
    CountingId.comparisons = 0
    position = search(ids, CountingId(wanted))
    return position, CountingId.comparisons

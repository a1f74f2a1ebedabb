# Right: functools.partial keeps only the finished string as its argument; calling
# str(text) returns that same string.
import functools


def make_tooltips(records):
    return [functools.partial(str, f"{record.name}: {len(record.payload)} bytes") for record in records]

# Tries: sys.intern on all five fields, timestamps included, in a comprehension.
# Right: interning a unique timestamp saves nothing but costs nothing that lasts (an interned
# string leaves the table when it is freed); every repeated value is shared.
import sys


def load_log(lines):
    """One (timestamp, method, path, status, country) tuple of strings per line of the log."""
    return [tuple(map(sys.intern, line.rstrip("\n").split(","))) for line in lines]

"""Support the host imports into the learner's interpreter after every boot.

The proxy class for objects of the checks lent to the learner's code, the
counting ``__del__`` of count_finalizations, and the end of a Run.  Learner
code can reach and replace all of it; doing so changes only what its own code
sees (the host reads a proxy's id from its slot in memory and checks every
call).  ``_leakless_judge`` is the host's module (lib/judge/bridge.ts).
"""

import gc
import sys
import tracemalloc  # noqa: F401  (the stand-in _tracemalloc is in sys.modules now)

import _leakless_judge

_lent = _leakless_judge.lent
_finalized = _leakless_judge.finalized
_ops = _leakless_judge


class JudgeObject:
    """An object of the checks, lent to your code: it can be called and iterated, nothing more."""

    __slots__ = ("_leakless_rid", "__weakref__")

    def __init__(self, rid):
        object.__setattr__(self, "_leakless_rid", rid)

    def __call__(self, /, *args, **kwargs):
        return _lent(_ops.CALL, self, args, kwargs or None)

    def __iter__(self):
        return _lent(_ops.ITER, self)

    def __next__(self):
        return _lent(_ops.NEXT, self)

    def __len__(self):
        return _lent(_ops.LEN, self)

    def __bool__(self):
        return _lent(_ops.BOOL, self)

    def __getitem__(self, key):
        return _lent(_ops.GETITEM, self, key)

    def __contains__(self, item):
        return _lent(_ops.CONTAINS, self, item)

    def __repr__(self):
        return _lent(_ops.REPR, self)

    def __str__(self):
        return _lent(_ops.STR, self)

    def __getattr__(self, name):
        return _lent(_ops.METHOD, self, name)


def counting_del(original):
    def __del__(self):
        _finalized(self)
        if original is not None:
            return original(self)

    return __del__


def end_main():
    """What CPython does at exit for the program's objects: ``__main__`` goes, and what it held is freed.

    Its namespace is not cleared first: objects in reference cycles with it
    (functions and classes always are) are collected together, so every
    ``__del__`` still sees the module's globals, as it would at exit.
    """
    sys.modules.pop("__main__", None)
    gc.collect()

"""Measurement primitives over both interpreters, for the check library.

Every measurement of a learner object is taken by the host in the learner's
interpreter with the C API (a weak reference the host made, the reference
count field, a full collection with the collector enabled for it, the
learner's objects as the boot-time ``gc.get_objects`` lists them): learner code
can change what its objects do, never how they are measured.  A check's own
objects are measured in the judge, as before.
"""

import gc as _gc
import weakref as _weakref

import _leakless_host as _host

from ._bridge import TYPENAME, LearnerObject, _op, hid


def is_learner(obj):
    return type(obj) is LearnerObject


def collect():
    """A full collection in both interpreters."""
    _host.collect()
    _gc.collect()


class paused:
    """Automatic collection off in both interpreters inside the block, restored after."""

    def __enter__(self):
        self._learner = _host.gc("disable")
        self._judge = _gc.isenabled()
        _gc.disable()
        return self

    def __exit__(self, *exc_info):
        if self._learner:
            _host.gc("enable")
        if self._judge:
            _gc.enable()
        return False


def cannot_watch(helper, obj):
    """The error for an object a lifetime helper cannot watch: what it got, why, and what to do instead."""
    return TypeError(
        f"{helper}() got a {type_name(obj)!r} object, which cannot be weakly referenced, so whether it is "
        "freed cannot be watched (int, str, bytes, tuple, list, dict and set cannot; neither can instances "
        "of a class with __slots__ that lacks '__weakref__'). Return an instance of a class instead (the "
        "learner's own class, or one in checks/fixtures.py: `class Samples(list): pass` holds the same "
        "data), or watch the object that owns the data."
    )


class Watch:
    """A weak watch on one object: a learner weak reference made by the host, or the judge's own."""

    __slots__ = ("_wid", "_ref")

    def __init__(self, obj, helper):
        self._wid = None
        self._ref = None
        try:
            if is_learner(obj):
                self._wid = _host.weak_new(hid(obj))
            else:
                self._ref = _weakref.ref(obj)
        except TypeError:
            raise cannot_watch(helper, obj) from None

    def get(self):
        if self._wid is not None:
            return _host.weak_get(self._wid)
        return self._ref()

    def alive(self):
        return self.get() is not None

    def __del__(self):
        wid = getattr(self, "_wid", None)
        if wid is not None:
            _host.weak_drop(wid)


def type_name(obj):
    """The short class name of an object of either interpreter (no learner code runs)."""
    if is_learner(obj):
        return _op(TYPENAME, hid(obj), False)[2]
    return type(obj).__name__

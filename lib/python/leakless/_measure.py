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


class Watch:
    """A weak watch on one object: a learner weak reference made by the host, or the judge's own."""

    __slots__ = ("_wid", "_ref")

    def __init__(self, obj, helper):
        if is_learner(obj):
            self._wid = _host.weak_new(hid(obj))  # TypeError with a teaching message when impossible
            self._ref = None
        else:
            self._wid = None
            try:
                self._ref = _weakref.ref(obj)
            except TypeError:
                raise TypeError(
                    f"{helper}(): cannot watch a {type(obj).__name__!r} object: it does not support weak "
                    "references (built-in int, str, tuple, list and dict do not; neither do classes with "
                    "__slots__ that lack '__weakref__'). Return instances of a class (a list subclass such as "
                    "`class Samples(list): pass` in checks/fixtures.py works), or the object that owns this one."
                ) from None

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

"""What ``import gc``, ``import sys``, ``import weakref`` and a few builtins mean inside a check file.

Check files are plain Python, written as if the learner's objects were in the
same interpreter (lib/judge/README.md explains why they are not).  So that the
usual tools keep meaning what instructors expect, a check module gets:

* ``gc``: ``collect()`` collects in both interpreters; ``disable()``,
  ``enable()`` and ``isenabled()`` act on (and report) the learner's automatic
  collector, which is what learner code sees; ``get_referrers``,
  ``get_referents``, ``is_tracked``, ``is_finalized`` and ``get_objects``
  answer for learner objects in the learner's interpreter;
* ``sys``: ``getrefcount`` of a learner object counts the learner's
  references plus the check's own (a delta behaves as in one interpreter);
  ``sys.getsizeof`` works unchanged (a handle reports the learner object's size);
* ``weakref``: ``ref(obj)`` of a learner object is a weak reference made in
  the learner's interpreter (``ref()`` gives the object back, or None once it
  is freed); ``proxy`` and ``finalize`` of a learner object are refused with
  a message saying what to use instead;
* builtins ``id``, ``type``, ``isinstance``, ``issubclass`` and ``callable``
  that answer about the learner object itself, not about its handle.

Everything else is the judge's real module.
"""

import builtins as _builtins
import gc as _gc
import sys as _sys
import types as _types
import weakref as _weakref

import _leakless_host as _host

from ._bridge import (
    CALLABLE,
    FINALIZED,
    GETATTR,
    REFCOUNT,
    REFERENTS,
    REFERRERS,
    TRACKED,
    TYPE,
    LearnerObject,
    _learner_isinstance,
    _learner_issubclass,
    _op,
    hid,
)


def _is_learner(obj):
    return _builtins.type(obj) is LearnerObject


def _forwarding_module(name, real, overrides):
    module = _types.ModuleType(name, real.__doc__)
    module.__dict__.update(overrides)
    module.__dict__["__getattr__"] = lambda attribute: getattr(real, attribute)
    module.__dict__["__dir__"] = lambda: sorted(set(dir(real)) | set(overrides))
    return module


# ---------------------------------------------------------------- gc


def collect(generation=2):
    """Full collections in the learner's interpreter and the judge's; the number of unreachable objects found."""
    return _host.collect() + _gc.collect(generation)


def disable():
    _host.gc("disable")
    _gc.disable()


def enable():
    _host.gc("enable")
    _gc.enable()


def isenabled():
    return _host.gc("isenabled")


def get_referrers(*objs):
    found = []
    for obj in objs:
        found.extend(_op(REFERRERS, hid(obj)) if _is_learner(obj) else _gc.get_referrers(obj))
    return found


def get_referents(*objs):
    found = []
    for obj in objs:
        found.extend(_op(REFERENTS, hid(obj)) if _is_learner(obj) else _gc.get_referents(obj))
    return found


def is_tracked(obj):
    return _op(TRACKED, hid(obj)) if _is_learner(obj) else _gc.is_tracked(obj)


def is_finalized(obj):
    return _op(FINALIZED, hid(obj)) if _is_learner(obj) else _gc.is_finalized(obj)


def get_objects(generation=None):
    """The learner's objects (as handles) that learner code created, then the judge's."""
    return _host.learner_objects() + _gc.get_objects(generation)


gc_facade = _forwarding_module(
    "gc",
    _gc,
    {
        "collect": collect,
        "disable": disable,
        "enable": enable,
        "isenabled": isenabled,
        "get_referrers": get_referrers,
        "get_referents": get_referents,
        "is_tracked": is_tracked,
        "is_finalized": is_finalized,
        "get_objects": get_objects,
    },
)


# ---------------------------------------------------------------- sys


def getrefcount(obj):
    """For a learner object: the learner's references, the check's references to it, and this call's argument."""
    if _is_learner(obj):
        # _sys.getrefcount(obj) counts this frame's parameter and its own argument: 2 beyond the caller's.
        return _op(REFCOUNT, hid(obj)) + (_sys.getrefcount(obj) - 2)
    return _sys.getrefcount(obj) - 1


sys_facade = _forwarding_module("sys", _sys, {"getrefcount": getrefcount})


# ---------------------------------------------------------------- weakref


class LearnerWeakRef:
    """A weak reference to a learner object, made in the learner's interpreter."""

    __slots__ = ("_wid", "__weakref__")

    def __init__(self, obj):
        self._wid = _host.weak_new(hid(obj))

    def __call__(self):
        return _host.weak_get(self._wid)

    def __del__(self):
        _host.weak_drop(self._wid)

    def __repr__(self):
        return f"<weak reference to a learner object; {'alive' if self() is not None else 'dead'}>"


def ref(obj, callback=None):
    if _is_learner(obj):
        if callback is not None:
            raise TypeError(
                "weakref.ref(obj, callback) is not available for the learner's objects in a check; "
                "call the reference and compare with None, or use leakless.freed_by_refcount()"
            )
        return LearnerWeakRef(obj)
    return _weakref.ref(obj) if callback is None else _weakref.ref(obj, callback)


def proxy(obj, callback=None):
    if _is_learner(obj):
        raise TypeError("weakref.proxy of a learner object is not available in a check; use weakref.ref")
    return _weakref.proxy(obj) if callback is None else _weakref.proxy(obj, callback)


def finalize(obj, func, /, *args, **kwargs):
    if _is_learner(obj):
        raise TypeError(
            "weakref.finalize on a learner object is not available in a check; "
            "use leakless.freed_by_refcount(), collectable() or assert_finalized_once()"
        )
    return _weakref.finalize(obj, func, *args, **kwargs)


weakref_facade = _forwarding_module("weakref", _weakref, {"ref": ref, "proxy": proxy, "finalize": finalize})

FACADES = {"gc": gc_facade, "sys": sys_facade, "weakref": weakref_facade}


# ---------------------------------------------------------------- builtins


def id(obj):  # noqa: A001 (the builtin a check module sees)
    return obj._leakless_address if _is_learner(obj) else _builtins.id(obj)


def callable(obj):  # noqa: A001
    return _op(CALLABLE, hid(obj)) if _is_learner(obj) else _builtins.callable(obj)


_NO_DEFAULT = object()


def getattr(obj, name, default=_NO_DEFAULT):  # noqa: A001
    """For a learner object, the learner's attribute, even a name the handle's own class
    defines too (``__del__``, ``__len__``, ``__iter__`` …)."""
    if not _is_learner(obj):
        if default is _NO_DEFAULT:
            return _builtins.getattr(obj, name)
        return _builtins.getattr(obj, name, default)
    if _builtins.type(name) is not str:
        raise TypeError(f"attribute name must be string, not '{_builtins.type(name).__name__}'")
    try:
        return _op(GETATTR, hid(obj), name)
    except AttributeError:
        if default is _NO_DEFAULT:
            raise
        return default


_ABSENT = object()


def hasattr(obj, name):  # noqa: A001
    return getattr(obj, name, _ABSENT) is not _ABSENT


def _real(cls):
    """This module's `type` stands for the builtin one in class arguments."""
    if cls is type:
        return _builtins.type
    if _builtins.type(cls) is tuple:
        return tuple(_real(c) for c in cls)
    return cls


def isinstance(obj, cls):  # noqa: A001
    cls = _real(cls)
    if _is_learner(obj) or _is_learner(cls) or (_builtins.type(cls) is tuple and any(_is_learner(c) for c in cls)):
        return _learner_isinstance(obj, cls)
    return _builtins.isinstance(obj, cls)


def issubclass(cls, base):  # noqa: A001
    base = _real(base)
    if _is_learner(cls) or _is_learner(base) or (_builtins.type(base) is tuple and any(_is_learner(b) for b in base)):
        return _learner_issubclass(cls, base)
    return _builtins.issubclass(cls, base)


class _TypeMeta(_builtins.type):
    def __instancecheck__(cls, obj):
        return _builtins.isinstance(obj, _builtins.type) or (_is_learner(obj) and _op(TYPE, hid(obj)) is _builtins.type)

    def __subclasscheck__(cls, sub):
        return _builtins.issubclass(sub, _builtins.type)


class type(metaclass=_TypeMeta):  # noqa: A001
    """``type(obj)``: for a learner object, its class (a handle, or the built-in type it is)."""

    def __new__(cls, *args, **kwargs):
        if len(args) == 1 and not kwargs:
            obj = args[0]
            if _is_learner(obj):
                known = obj._leakless_counterpart or obj._leakless_static
                return known if known is not None else _op(TYPE, hid(obj))
            return _builtins.type(obj)
        return _builtins.type(*args, **kwargs)


def _check_import(name, globals=None, locals=None, fromlist=(), level=0):
    if level == 0 and name in FACADES:
        return FACADES[name]
    return _builtins.__import__(name, globals, locals, fromlist, level)


def check_builtins():
    """The builtins of a check module."""
    namespace = dict(_builtins.__dict__)
    namespace.update(
        id=id,
        callable=callable,
        getattr=getattr,
        hasattr=hasattr,
        isinstance=isinstance,
        issubclass=issubclass,
        type=type,
        __import__=_check_import,
    )
    return namespace

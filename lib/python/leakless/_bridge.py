"""How a check sees the learner's objects: handles, mirrors of exceptions, and facades.

Checks run in the judge interpreter; the learner's code runs in another one
(lib/judge/README.md).  A learner object reaches a check as a
:class:`LearnerObject`, a handle through which attribute access, calls,
items, iteration, ``len``, ``repr`` … are done by the host in the learner's
interpreter.  What comes back is a copy when it is a value of an immutable
built-in type (numbers, strings, bytes, and tuples of such), the very same
object for built-in types, and another handle otherwise.

Comparing with ``==``: a learner object whose class derives from a built-in
value type (``list``, ``dict``, ``int``, ``str`` …, subclasses included)
compares by the value stored in it, read through the built-in type (a
learner's ``__eq__`` plays no part); two learner objects compare with the
learner's own ``==``; any other learner object is equal only to itself.  So an
object whose ``__eq__`` always answers True cannot pass ``assert result == 42``.

The host calls back into this module (``_make_handle``, ``_make_error``,
``_mirror_type``); the operation codes below match lib/judge/bridge.ts.
"""

import builtins as _builtins
import sys as _sys
import types as _types

import _leakless_host as _host


def _op(*args):
    # Replaced by _host.op itself once the host has added its functions (_bind_host).
    return _host.op(*args)


def _release(hid):
    _host.release(hid)


def _bind_host():
    """Called by the host after every boot: every `_op` of the check library becomes the host's function."""
    import sys

    for name, module in list(sys.modules.items()):
        if name == "leakless" or name.startswith("leakless."):
            if getattr(module, "_op", None) is _op:
                module._op = _host.op
    globals()["_release"] = _host.release


# Operation codes: the same table as OPS in lib/judge/bridge.ts (a test compares them).
GETATTR = 1
SETATTR = 2
DELATTR = 3
CALL = 4
GETITEM = 5
SETITEM = 6
DELITEM = 7
LEN = 8
CONTAINS = 9
BOOL = 10
HASH = 11
ITER = 12
NEXT = 13
REPR = 14
STR = 15
FORMAT = 16
DIR = 17
COMPARE = 18
NUMBER = 19
VALUE = 20
ISINSTANCE = 21
ISSUBCLASS = 22
TYPE = 23
SIZEOF = 24
REFCOUNT = 25
TRACKED = 26
ADDRESS = 27
TYPENAME = 28
CALLABLE = 29
REFERENTS = 30
REFERRERS = 31
FINALIZED = 32
IS = 33
STATIC_BASE = 34

# Built-in kinds (KINDS in bridge.ts): the built-in type a learner object's class derives from.
OTHER, INT, FLOAT, COMPLEX, STR_, BYTES, BYTEARRAY, TUPLE, LIST, DICT, SET, FROZENSET, TYPE_, MODULE, BOOL_ = range(15)
_VALUE_KINDS = frozenset({INT, FLOAT, COMPLEX, STR_, BYTES, BYTEARRAY, TUPLE, LIST, DICT, SET, FROZENSET, BOOL_})
_KIND_TYPES = {
    INT: int,
    FLOAT: float,
    COMPLEX: complex,
    STR_: str,
    BYTES: bytes,
    BYTEARRAY: bytearray,
    TUPLE: tuple,
    LIST: list,
    DICT: dict,
    SET: set,
    FROZENSET: frozenset,
    BOOL_: bool,
    MODULE: _types.ModuleType,
    TYPE_: type,
}
_KIND_TYPE_SET = frozenset(_KIND_TYPES.values())
_BASETYPE = 1 << 10
_HEAPTYPE = 1 << 9

_object_setattr = object.__setattr__
_object_new = object.__new__
_hid_of = None  # set below: the slot descriptor's getter


class LearnerObject:
    """An object of the learner's code, as a check sees it (see the module docstring)."""

    # Written by the host when it makes the handle (lib/judge/bridge.ts, toJudgeHandle).
    __slots__ = ("_leakless_hid", "_leakless_kind", "_leakless_counterpart", "_leakless_static", "_leakless_address")

    def __del__(self):
        # The host drops its reference: the learner object is freed now if nothing of the learner's holds it.
        _release(_hid_of(self))

    # ------------------------------------------------------------ attributes

    def __getattr__(self, name):
        return _op(GETATTR, _hid_of(self), name)

    def __setattr__(self, name, value):
        _op(SETATTR, _hid_of(self), name, value)

    def __delattr__(self, name):
        _op(DELATTR, _hid_of(self), name)

    def __dir__(self):
        return list(_op(DIR, _hid_of(self)))

    # ------------------------------------------------------------ calls and containers

    def __call__(self, /, *args, **kwargs):
        return _op(CALL, _hid_of(self), args, kwargs or None)

    def __getitem__(self, key):
        return _op(GETITEM, _hid_of(self), key)

    def __setitem__(self, key, value):
        _op(SETITEM, _hid_of(self), key, value)

    def __delitem__(self, key):
        _op(DELITEM, _hid_of(self), key)

    def __len__(self):
        return _op(LEN, _hid_of(self))

    def __contains__(self, item):
        return _op(CONTAINS, _hid_of(self), item)

    def __iter__(self):
        return _op(ITER, _hid_of(self))

    def __next__(self):
        return _op(NEXT, _hid_of(self))

    def __reversed__(self):
        # Not the learner's builtins.reversed: a built-in type is the judge's own object, which
        # would call straight back here.
        try:
            method = _op(GETATTR, _hid_of(self), "__reversed__")
        except AttributeError:
            return reversed(list(self))  # a sequence without __reversed__, read in order
        return method()

    def __bool__(self):
        return _op(BOOL, _hid_of(self))

    def __hash__(self):
        return _op(HASH, _hid_of(self))

    def __enter__(self):
        return _op(GETATTR, _hid_of(self), "__enter__")()

    def __exit__(self, *exc_info):
        return _op(GETATTR, _hid_of(self), "__exit__")(*exc_info)

    # ------------------------------------------------------------ text

    def __repr__(self):
        return _op(REPR, _hid_of(self))

    def __str__(self):
        return _op(STR, _hid_of(self))

    def __format__(self, spec):
        return _op(FORMAT, _hid_of(self), spec)

    # ------------------------------------------------------------ comparisons

    def __eq__(self, other):
        return _compare(self, other, 2)

    def __ne__(self, other):
        result = _compare(self, other, 2)
        return result if result is NotImplemented else not result

    def __lt__(self, other):
        return _compare(self, other, 0)

    def __le__(self, other):
        return _compare(self, other, 1)

    def __gt__(self, other):
        return _compare(self, other, 4)

    def __ge__(self, other):
        return _compare(self, other, 5)

    # ------------------------------------------------------------ type questions

    @property
    def __class__(self):
        known = self._leakless_counterpart or self._leakless_static
        if known is not None:
            return known
        return _op(TYPE, _hid_of(self))

    def __instancecheck__(self, obj):
        return _learner_isinstance(obj, self)

    def __subclasscheck__(self, cls):
        return _learner_issubclass(cls, self)

    def __mro_entries__(self, bases):
        raise TypeError(
            "a check cannot subclass a class of the learner's code (it lives in another interpreter); "
            "put the subclass in checks/fixtures.py, which runs beside the learner's code"
        )

    def __sizeof__(self):
        return _op(SIZEOF, _hid_of(self)) - _HEADER_BYTES

    # ------------------------------------------------------------ not across interpreters

    def __reduce_ex__(self, protocol):
        raise TypeError("an object of the learner's code cannot be copied or pickled by a check")

    def __copy__(self):
        return self.__reduce_ex__(2)

    def __deepcopy__(self, memo):
        return self.__reduce_ex__(2)


_hid_of = LearnerObject._leakless_hid.__get__


def _number(name, reflected=False):
    def method(self, other=None):
        return _op(NUMBER, _hid_of(self), name, other, reflected)

    method.__name__ = name
    return method


for _name, _c in (
    ("add", "Add"),
    ("sub", "Subtract"),
    ("mul", "Multiply"),
    ("truediv", "TrueDivide"),
    ("floordiv", "FloorDivide"),
    ("mod", "Remainder"),
    ("pow", "Power"),
    ("lshift", "Lshift"),
    ("rshift", "Rshift"),
    ("and", "And"),
    ("or", "Or"),
    ("xor", "Xor"),
    ("matmul", "MatrixMultiply"),
):
    setattr(LearnerObject, f"__{_name}__", _number(_c))
    setattr(LearnerObject, f"__r{_name}__", _number(_c, reflected=True))
for _name, _c in (("neg", "Negative"), ("pos", "Positive"), ("abs", "Absolute"), ("invert", "Invert")):
    setattr(LearnerObject, f"__{_name}__", _number(_c))
LearnerObject.__index__ = _number("Index")
LearnerObject.__int__ = _number("Long")
LearnerObject.__float__ = _number("Float")
for _name in ("iadd", "isub", "imul", "ior", "iand"):
    # In place on the learner's object, as `lst += [x]` is for a list.
    setattr(
        LearnerObject,
        f"__{_name}__",
        (lambda op: lambda self, other: _op(GETATTR, _hid_of(self), f"__{op}__")(other))(_name),
    )
# What a check reads as obj.__doc__, obj.__new__ … is the learner object's, not this class's
# (those names exist on every class, so __getattr__ would never be asked).
for _name in (
    "__doc__",
    "__module__",
    "__slots__",
    "__new__",
    "__init__",
    "__init_subclass__",
    "__subclasshook__",
    "__reduce__",
    "__getstate__",
):
    setattr(LearnerObject, _name, property((lambda n: lambda self: _op(GETATTR, _hid_of(self), n))(_name)))
del _name, _c


class _Probe:
    __slots__ = ("a", "b", "c")


# What sys.getsizeof adds to __sizeof__ for an object laid out like a handle: subtracted, so
# sys.getsizeof(handle) is the learner object's own size.
_HEADER_BYTES = _sys.getsizeof(_Probe()) - _Probe().__sizeof__()


def is_learner(obj):
    """True for a handle to an object of the learner's code."""
    return type(obj) is LearnerObject


def exact_static_type(obj):
    """The handle's exact type when it is a built-in (static) type, shared by both interpreters; else None."""
    return obj._leakless_static


def hid(obj):
    return _hid_of(obj)


def _value(handle):
    return _op(VALUE, _hid_of(handle))


def _compare(a, b, op):
    if type(b) is LearnerObject:
        if _op(IS, _hid_of(a), _hid_of(b)):
            return op in (1, 2, 5)
        if a._leakless_kind in _VALUE_KINDS and b._leakless_kind in _VALUE_KINDS:
            return _rich(_value(a), _value(b), op)
        return _op(COMPARE, _hid_of(a), _hid_of(b), op)
    if a._leakless_kind in _VALUE_KINDS:
        return _rich(_value(a), b, op)
    return NotImplemented


def _rich(x, y, op):
    if op == 0:
        return x < y
    if op == 1:
        return x <= y
    if op == 2:
        return x == y
    if op == 3:
        return x != y
    if op == 4:
        return x > y
    return x >= y


# ---------------------------------------------------------------------------
# Called by the host
# ---------------------------------------------------------------------------


class LearnerException(Exception):
    """Base of every mirror of an exception raised by the learner's code (never one of the judge's own)."""


class LearnerInterrupted(BaseException):
    """The run hit its time limit or was stopped while the learner's code ran."""


_mirrors = {}


def _mirror_type(type_handle, parent):
    """The judge's class for a learner exception class: same name, same built-in base, marked LearnerException."""
    address = _op(ADDRESS, _hid_of(type_handle))
    mirror = _mirrors.get(address)
    if mirror is not None:
        return mirror
    qualname, module, name = _op(TYPENAME, _hid_of(type_handle), True)
    bases = (parent,) if issubclass(parent, LearnerException) else (parent, LearnerException)
    if not issubclass(parent, Exception) and not issubclass(parent, LearnerException):
        # SystemExit, KeyboardInterrupt, GeneratorExit: mirrored, but never the judge's own.
        bases = (parent, LearnerException)
    try:
        mirror = type(name, bases, {"__module__": module, "__qualname__": qualname, "__leakless_handle__": type_handle})
    except TypeError:
        mirror = type(
            name,
            (LearnerException,),
            {"__module__": module, "__qualname__": qualname, "__leakless_handle__": type_handle},
        )
    mirror.__init__ = _mirror_init
    mirror.__str__ = _mirror_str
    mirror.__getattr__ = _mirror_getattr
    _mirrors[address] = mirror
    return mirror


def _mirror_init(self, *args):
    BaseException.__init__(self, *args)


def _mirror_str(self):
    return self.__dict__.get("_leakless_message", BaseException.__str__(self))


def _mirror_getattr(self, name):
    handle = self.__dict__.get("__leakless_handle__")
    if handle is None or name.startswith("_leakless"):
        raise AttributeError(name)
    return getattr(handle, name)


def _make_error(mirror, handle, message, traceback, line, interrupted):
    """The judge exception for a learner exception: an instance of its mirror class."""
    if interrupted:
        error = LearnerInterrupted(message)
    else:
        try:
            error = mirror.__new__(mirror)
            _init_builtin_part(error, mirror, handle, message)
        except BaseException:
            error = LearnerException(message)
    error.__dict__["__leakless_handle__"] = handle
    error.__dict__["_leakless_message"] = message
    error.__dict__["_leakless_traceback"] = {"text": traceback, "line": line, "message": message}
    return error


def _init_builtin_part(error, mirror, handle, message):
    """Initialise the built-in base as the learner's exception was (SystemExit.code, OSError.errno …)."""
    base = next(c for c in mirror.__mro__ if c.__module__ == "builtins" and not issubclass(c, LearnerException))
    try:
        args = _op(GETATTR, _hid_of(handle), "args")
        if type(args) is not tuple:
            raise TypeError
        base.__init__(error, *args)
    except BaseException:
        BaseException.__init__(error, message)


def learner_traceback_of(exc):
    """The learner-frames traceback the host recorded for a learner exception, or None."""
    info = getattr(exc, "__dict__", {}).get("_leakless_traceback")
    if info is None:
        return None
    return {
        # What the learner's code saw was a KeyboardInterrupt.
        "type": "KeyboardInterrupt" if isinstance(exc, LearnerInterrupted) else type(exc).__name__,
        "message": info["message"],
        "text": info["text"],
        "line": info["line"],
    }


def is_learner_exception(exc):
    return isinstance(exc, (LearnerException, LearnerInterrupted))


# ---------------------------------------------------------------------------
# Type questions about learner objects
# ---------------------------------------------------------------------------


def _as_learner_classes(cls):
    """A learner class (handle) for a judge class, or None when it has no learner twin.

    A static built-in type is its own twin; a class of the standard library has
    the twin the host paired with it at boot (lib/judge/bridge.ts,
    COUNTERPART_TYPES), never what the learner's module holds now.
    """
    if type(cls) is LearnerObject:
        return cls
    if not isinstance(cls, type):
        return None
    if not _is_heap_type(cls):
        return cls  # a static built-in type is the same object in both interpreters
    return _host.twin(cls)


def _is_heap_type(cls):
    return bool(cls.__flags__ & (1 << 9))


def _learner_isinstance(obj, cls):
    if type(obj) is not LearnerObject:
        if type(cls) is LearnerObject:
            return False  # a check's own object is never an instance of a learner class
        return _builtins.isinstance(obj, cls)
    if type(cls) is tuple:
        return any(_learner_isinstance(obj, one) for one in cls)
    if type(cls) is not LearnerObject and isinstance(cls, type) and not cls.__flags__ & _HEAPTYPE:
        # A static type is the same object in both interpreters: often answerable here.
        exact = obj._leakless_static
        if exact is not None:
            return issubclass(exact, cls)
        if cls is object:
            return True
        if not cls.__flags__ & _BASETYPE:
            return False  # no class can derive from it, and the object's own class is not it
        if cls in _KIND_TYPE_SET:
            kind_type = _KIND_TYPES.get(obj._leakless_kind)
            return kind_type is not None and issubclass(kind_type, cls)
    target = _as_learner_classes(cls)
    if target is None:
        return False
    handle = target if type(target) is LearnerObject else _host.new_value(target)
    return _op(ISINSTANCE, _hid_of(obj), _hid_of(handle))


def _learner_issubclass(cls, base):
    if type(cls) is not LearnerObject:
        if type(base) is LearnerObject:
            return False
        return _builtins.issubclass(cls, base)
    if type(base) is tuple:
        return any(_learner_issubclass(cls, one) for one in base)
    target = _as_learner_classes(base)
    if target is None:
        return False
    handle = target if type(target) is LearnerObject else _host.new_value(target)
    return _op(ISSUBCLASS, _hid_of(cls), _hid_of(handle))

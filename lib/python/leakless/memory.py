"""Memory: leaks over repeated calls, peak memory, laziness, sizes, instance counts.

Sizes differ between 32-bit Pyodide and 64-bit CPython (``object()`` is 8
bytes in one, 16 in the other), so nothing here asks an instructor for an
absolute number that must hold on both: leaks are *growth*, peaks are
compared to a reference implementation, sizes are ratios.
"""

import array as _array_module
import builtins as _builtins
import collections as _collections
import gc as _gc
import sys as _sys
import tracemalloc as _tracemalloc
import types as _types

import _leakless_host as _host

from ._bridge import LearnerObject
from ._facades import isinstance, type
from ._measure import collect, is_learner, type_name
from .errors import fail

_builtin_type = _builtins.type

_deque = _collections.deque
_array = _array_module.array
_ModuleType = _types.ModuleType
_FunctionType = _types.FunctionType
_BuiltinFunctionType = _types.BuiltinFunctionType
_CodeType = _types.CodeType
_MethodType = _types.MethodType
_object_getattribute = object.__getattribute__
getsizeof = _sys.getsizeof


# ---------------------------------------------------------------------------
# Sizes
# ---------------------------------------------------------------------------


def instance_layout(obj):
    """``(has_dict, slots)`` of ``obj``'s class as CPython lays its instances out: whether each
    instance has a ``__dict__``, and the names of its ``__slots__`` (bases included).

    Read from the class's C structure, not asked of the object: for a learner object, a
    ``__dict__`` property or a ``__slots__`` class attribute cannot change the answer.
    """
    if is_learner(obj):
        return _host.layout(obj)
    cls = _builtin_type(obj)
    slots = []
    for klass in cls.__mro__:
        for name, member in vars(klass).items():
            if type(member).__name__ == "member_descriptor" and name not in slots:
                slots.append(name)
    return cls.__dictoffset__ != 0 or bool(cls.__flags__ & (1 << 4)), tuple(slots)


def deep_size(obj):
    """``sys.getsizeof`` of ``obj`` plus what it owns: container elements, instance
    ``__dict__`` and ``__slots__`` values, each object counted once.

    Classes, modules, functions and code are not descended into (they are
    shared, not owned).
    """
    if is_learner(obj):
        return _host.deep_size(obj)
    seen = set()
    stack = [obj]
    total = 0
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, (type, _ModuleType, _FunctionType, _BuiltinFunctionType, _CodeType, _MethodType)):
            continue
        total += getsizeof(current)
        if isinstance(current, dict):
            stack.extend(current.keys())
            stack.extend(current.values())
        elif isinstance(current, (list, tuple, set, frozenset, _deque)):
            stack.extend(current)
        elif not isinstance(current, (str, bytes, bytearray, int, float)):
            try:
                namespace = _object_getattribute(current, "__dict__")
            except BaseException:
                namespace = None
            if isinstance(namespace, dict):
                stack.append(namespace)
            for klass in type(current).__mro__:
                slots = klass.__dict__.get("__slots__", ())
                for slot in (slots,) if isinstance(slots, str) else slots:
                    try:
                        stack.append(_object_getattribute(current, slot))
                    except (AttributeError, TypeError):
                        pass
    return total


def relative_size(a, b):
    """``deep_size(a) / deep_size(b)``: below 1.0 means ``a`` takes less memory than ``b``."""
    return deep_size(a) / max(deep_size(b), 1)


def assert_smaller(a, b, msg=None):
    """Assert that ``a`` takes less memory than ``b`` (deep sizes, see :func:`deep_size`)."""
    size_a, size_b = deep_size(a), deep_size(b)
    if not size_a < size_b:
        fail(
            f"Expected the `{type_name(a)}` to take less memory than the `{type_name(b)}`, "
            f"but it takes {size_a / max(size_b, 1):.2f}× as much ({size_a} vs {size_b} bytes here).",
            msg,
        )


# ---------------------------------------------------------------------------
# Instances
# ---------------------------------------------------------------------------


def _matcher(cls_or_name):
    """Matches the judge's own objects: handles are the learner's objects, which the host counts."""
    if isinstance(cls_or_name, str):
        name = cls_or_name

        def matches(obj):
            cls = _builtin_type(obj)
            return cls is not LearnerObject and (cls.__name__ == name or cls.__qualname__ == name)

        return matches
    if isinstance(cls_or_name, type) and not is_learner(cls_or_name):
        cls = cls_or_name
        # type(obj).__mro__, not isinstance(): a __class__ property cannot lie to it.
        return lambda obj: cls in _builtin_type(obj).__mro__
    raise TypeError(f"expected a class or a class name, got {type_name(cls_or_name)}")


def count_instances(cls_or_name):
    """Number of live instances of a class (or of classes with that name), subclasses included
    for a class.  It does not collect garbage first: call ``gc.collect()`` if you mean "reachable".

    A class of the learner's code is counted in the learner's interpreter (by the host, over the
    learner's objects); a name is counted in both interpreters.
    """
    if is_learner(cls_or_name):
        return _host.census([cls_or_name])[1][0]
    learner = _host.census([cls_or_name])[1][0] if isinstance(cls_or_name, str) else 0
    matches = _matcher(cls_or_name)
    objects = _gc.get_objects()
    try:
        return learner + len([o for o in objects if matches(o)])
    finally:
        del objects


# ---------------------------------------------------------------------------
# Leaks over repeated calls
# ---------------------------------------------------------------------------

# A leak must grow memory at every checkpoint and by more than this in total:
# leaking even one small object per call passes it easily over the measured
# calls, while a non-leaking action shows no steady growth after warm-up.
LEAK_MEMORY_FLOOR = 256


def _measure(kinds, index, counts, memory, per_type):
    """Record checkpoint ``index`` into preallocated arrays.

    Objects are the learner's (the host counts them in its interpreter);
    nothing measured survives as a new object: values go into ``array``
    slots allocated up front, so the bookkeeping cannot look like a leak.
    """
    collect()
    collect()  # a second pass frees what the first one's finalizers released
    total, by_kind = _host.census(kinds)
    counts[index] = total
    for name, value in zip(per_type, by_kind, strict=True):
        per_type[name][index] = value
    memory[index] = _tracemalloc.get_traced_memory()[0]


def no_leak(action, *, repeat=50, warmup=5, types=None, max_growth=0, msg=None):
    """Assert that calling ``action()`` many times does not keep growing memory.

    After ``warmup`` calls (first calls may fill caches), the live gc-tracked
    objects (or only those of ``types``: classes or class names) and the
    memory traced by tracemalloc are measured at four checkpoints spread over
    ``repeat`` calls, after full collections.  It fails when, after the first
    third of the calls, the object count grows by more than ``max_growth``, or
    traced memory grows at every checkpoint (and by more than a small floor).
    Returns the measurements as a dict.
    """
    if not isinstance(repeat, int) or isinstance(repeat, bool) or repeat < 3:
        raise ValueError("no_leak(): repeat must be an int >= 3")
    kinds = list(types or ())
    for kind in kinds:
        if not (is_learner(kind) or isinstance(kind, (str, type))):
            raise TypeError(f"no_leak(): types must be classes or class names, got {type_name(kind)}")
    counts = _array("q", [0, 0, 0, 0])
    memory = _array("q", [0, 0, 0, 0])
    per_type = {_type_label(t): _array("q", [0, 0, 0, 0]) for t in kinds}
    segment = repeat // 3
    segments = (segment, segment, repeat - 2 * segment)
    started_tracing = not _tracemalloc.is_tracing()
    if started_tracing:
        _tracemalloc.start()
    try:
        for _ in range(warmup):
            action()
        _measure(kinds, 0, counts, memory, per_type)
        for index in range(3):
            for _ in range(segments[index]):
                action()
            _measure(kinds, index + 1, counts, memory, per_type)
    finally:
        if started_tracing:
            _tracemalloc.stop()
    report = {
        "calls": repeat,
        "warmup": warmup,
        "objects": list(counts),
        "memory": list(memory),
        "types": {name: list(values) for name, values in per_type.items()},
        "object_growth": counts[3] - counts[1],
        "memory_growth": memory[3] - memory[1],
    }
    measured_calls = repeat - segment
    problems = []
    if per_type:
        for name, values in per_type.items():
            if values[3] - values[1] > max_growth:
                problems.append(f"{values[3] - values[1]} more `{name}` objects")
    elif report["object_growth"] > max_growth:
        problems.append(f"{report['object_growth']} more live objects")
    steadily_growing = memory[1] < memory[2] < memory[3]
    if steadily_growing and report["memory_growth"] > LEAK_MEMORY_FLOOR:
        problems.append(f"{report['memory_growth']} more bytes in use")
    report["leaks"] = bool(problems)
    if problems:
        fail(
            f"Memory keeps growing: after {measured_calls} more calls there are "
            f"{' and '.join(problems)}, even after garbage collection. Every call leaves "
            "something behind that is still referenced — a list, dict or cache that only grows, "
            "or a reference stored on a long-lived object.",
            msg,
        )
    return report


def _type_label(t):
    return t if isinstance(t, str) else str(t.__name__)


# ---------------------------------------------------------------------------
# Peak memory
# ---------------------------------------------------------------------------


def peak_memory(fn, *args, **kwargs):
    """See :func:`_peak`: ``fn(*args, **kwargs)`` measured after one untraced warm-up call."""
    return _peak(fn, args, kwargs, warmup=True)


def _peak(fn, args, kwargs, warmup):
    """Peak bytes allocated (tracemalloc) while ``fn(*args, **kwargs)`` runs, above what was in
    use before.  With ``warmup``, ``fn`` runs once untraced first, so one-time costs (imports,
    caches) are not counted; without it, code that caches its results by argument cannot make
    the measured call free.  To measure a generator, pass a function that consumes it:
    ``lambda: sum(gen())``.

    tracemalloc traces both interpreters (its state is one for the whole runtime), so this is what
    the learner's code and the check allocate together.  While it measures, the learner's code sees
    a tracemalloc of its own: starting, stopping or resetting it changes nothing measured here.
    """
    if warmup:
        fn(*args, **kwargs)
    collect()
    started_tracing = not _tracemalloc.is_tracing()
    if started_tracing:
        _tracemalloc.start()
    try:
        _tracemalloc.reset_peak()
        before = _tracemalloc.get_traced_memory()[0]
        result = fn(*args, **kwargs)
        peak = _tracemalloc.get_traced_memory()[1]
        del result
    finally:
        if started_tracing:
            _tracemalloc.stop()
    return max(0, peak - before)


def assert_peak_below(fn, limit_bytes, *, warmup=True, msg=None):
    """Assert that :func:`peak_memory` of ``fn`` stays below ``limit_bytes``.

    Prefer :func:`assert_peak_ratio`: absolute sizes differ between 32-bit
    Pyodide and 64-bit CPython, so a byte limit must leave room for both.
    ``warmup=False`` measures the first call (see :func:`_peak`).
    """
    peak = _peak(fn, (), {}, warmup)
    if peak >= limit_bytes:
        fail(f"Peak memory was {peak} bytes; it must stay below {limit_bytes} bytes.", msg)


def assert_peak_ratio(fn, reference_fn, max_ratio, *, warmup=True, msg=None):
    """Assert ``peak_memory(fn) <= max_ratio * peak_memory(reference_fn)``.

    ``reference_fn`` is an implementation with the memory behaviour you expect
    (e.g. a generator-based one), so the bound holds on 32- and 64-bit builds.
    Keep it in the check file, not in fixtures.py: the learner's code can
    change what runs beside it.  ``warmup=False`` measures first calls (see :func:`_peak`).
    """
    peak = _peak(fn, (), {}, warmup)
    reference = max(_peak(reference_fn, (), {}, warmup), 1)
    if peak > max_ratio * reference:
        fail(
            f"Peak memory was {peak / reference:.1f}× that of a memory-efficient solution "
            f"({peak} vs {reference} bytes here; allowed: {max_ratio}×). Avoid building the whole "
            "data set in memory at once — process it item by item (a generator, or iterating "
            "without a list).",
            msg,
        )


# ---------------------------------------------------------------------------
# Laziness
# ---------------------------------------------------------------------------

# Iterators that walk over something already fully built: `iter(big_list)` is
# not lazy in the sense a course on memory means.
_MATERIALISED_ITERATORS = frozenset(
    type(it)
    for it in (
        iter([]),
        iter(()),
        reversed([]),
        iter(set()),
        iter({}),
        iter({}.values()),
        iter({}.items()),
        iter(""),
        iter("é"),
        iter(b""),
        iter(bytearray()),
    )
)


def _laziness(obj):
    """``(is_lazy, reason)``."""
    if isinstance(obj, (list, tuple, set, frozenset, dict, str, bytes, bytearray, _deque)):
        return False, f"a {type(obj).__name__}, which holds every value in memory at once"
    if isinstance(obj, range):
        return False, "a range, which is a sequence, not an iterator"
    if type(obj) in _MATERIALISED_ITERATORS:
        return False, f"a {type(obj).__name__} over values that were all built up front"
    if not hasattr(type(obj), "__next__"):
        return False, f"a {type(obj).__name__}, which is not an iterator (it has no __next__)"
    try:
        is_own_iterator = iter(obj) is obj
    except BaseException:
        is_own_iterator = False
    if not is_own_iterator:
        return False, f"a {type(obj).__name__} whose iter() does not return itself"
    return True, ""


def is_lazy(obj):
    """True for a lazy iterator (a generator, ``map``, ``itertools`` objects, a custom
    iterator class); False for lists, tuples, other built collections, ``range`` and iterators
    over an already built list/tuple/dict/str."""
    return _laziness(obj)[0]


def assert_lazy(obj, msg=None):
    """Assert :func:`is_lazy`, explaining what ``obj`` is instead."""
    lazy, reason = _laziness(obj)
    if not lazy:
        fail(
            f"Expected a lazy iterator (such as a generator), but got {reason}. Use `yield` (or a "
            "generator expression) to produce values one at a time.",
            msg,
        )

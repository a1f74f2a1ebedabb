"""References: cycles, what keeps an object alive, and reference-count deltas.

Reference counts are only ever compared *within one interpreter and one
frame* (a delta), never against a number: absolute counts differ between
Python versions (3.14 borrows references that 3.12 counted) and immortal
objects (None, small ints, interned strings) have meaningless huge counts.
"""

import _leakless_host as _host

from . import _graph
from ._facades import getrefcount, isinstance, type
from ._measure import is_learner, type_name
from .errors import fail

# Objects whose reference count is shared with the whole interpreter (immortal
# in 3.12+, merely very popular before): a delta on them measures nothing.
_SHARED_SINGLETONS = (None, True, False, Ellipsis, NotImplemented)
# Refcounts this high only happen for immortal objects (3.12+ on 32 and 64 bits).
_IMMORTAL_REFCOUNT_FLOOR = 1 << 29


def in_reference_cycle(obj):
    """True if ``obj`` can reach itself through references between instances, containers,
    closures, bound methods and suspended generators (classes and modules are not followed)."""
    return _graph.in_reference_cycle(obj)


def assert_in_cycle(obj, msg=None):
    """Assert that ``obj`` is part of a reference cycle."""
    if not _graph.in_reference_cycle(obj):
        fail(
            f"Expected the `{type_name(obj)}` object to be part of a reference cycle, "
            "but nothing it refers to leads back to it.",
            msg,
        )


def assert_not_in_cycle(obj, msg=None):
    """Assert that ``obj`` is not part of a reference cycle (refcounting alone can free it)."""
    path = _graph.find_cycle_path(obj)
    if path or _graph.in_reference_cycle(obj):
        where = f" ({_graph.render_path(path)} is the object itself)" if path else ""
        fail(
            f"The `{type_name(obj)}` object is part of a reference cycle{where}, so reference "
            "counting alone can never free it. Use a weak reference for the back-link, or break "
            "the cycle when you are done with the object.",
            msg,
        )


def referrer_chain(obj, roots=None, max_depth=8):
    """What keeps ``obj`` alive, as a readable chain from a root down to ``obj``.

    ``roots`` maps names to objects (default: the learner module's globals,
    named ``submission.<name>``); a module is accepted too.  Returns e.g.
    ``['submission.registry (dict)', "['alice'] -> Node"]``, or ``[]`` when
    ``obj`` is not reachable from the roots within ``max_depth`` steps.
    """
    if roots is None:
        roots = _graph.learner_roots()
    elif not isinstance(roots, dict):
        module_name = getattr(roots, "__name__", "module")
        roots = {f"{module_name}.{name}": value for name, value in vars(roots).items() if not name.startswith("__")}
    path = _graph.find_path(roots, obj, max_depth)
    if not path:
        return []
    (root_name, root), rest = path[0], path[1:]
    chain = [f"{root_name} ({type_name(root)})"]
    chain.extend(f"{label.strip()} -> {type_name(target)}" for label, target in rest)
    return chain


def _refuse_shared(obj, helper):
    if is_learner(obj):
        shared = getrefcount(obj) >= _IMMORTAL_REFCOUNT_FLOOR
    else:
        shared = (
            _is_one_of(obj, _SHARED_SINGLETONS)
            or (type(obj) is int and -5 <= obj <= 256)
            or type(obj) is str  # interning differs between versions: counts are not comparable
            or (type(obj) in (tuple, frozenset) and not obj)
            or getrefcount(obj) >= _IMMORTAL_REFCOUNT_FLOOR
        )
    if shared:
        raise ValueError(
            f"{helper}(): the reference count of this {type_name(obj)} object is shared "
            "by the whole interpreter (immortal or interned), so a change in it means nothing. "
            "Measure one of the learner's own objects instead."
        )


def _is_one_of(obj, candidates):
    for candidate in candidates:
        if obj is candidate:
            return True
    return False


def refcount_delta(obj, action):
    """``sys.getrefcount(obj)`` after ``action()`` minus before (both read in this one frame).

    Raises ValueError for immortal / interpreter-shared objects, and for a
    check's own object that the action handed to the learner's code (it
    arrives there as a copy, so the learner's references would never show).
    """
    _refuse_shared(obj, "refcount_delta")
    _host.crossings_begin()
    before = getrefcount(obj)
    action()
    after = getrefcount(obj)
    _refuse_crossed(obj, "refcount_delta")
    return after - before


def _refuse_crossed(obj, helper):
    if not is_learner(obj) and _host.crossed(obj):
        raise ValueError(
            f"{helper}(): this {type_name(obj)} object belongs to the check and was handed to the "
            "learner's code, where it arrives as a copy (or, for a function or an iterator, a "
            "stand-in): the learner's references to it can never show in its count. Make the object "
            "in the learner's interpreter instead: make it with leakless.in_learner(value), or define "
            "its class in checks/fixtures.py."
        )


def assert_refcount_stable(obj, action, *, repeat=10, msg=None):
    """Assert that calling ``action()`` repeatedly leaves the reference count of ``obj`` unchanged.

    ``action`` runs once first (a first call may legitimately set up a cache);
    then ``repeat`` more calls must not change the count.
    """
    _refuse_shared(obj, "assert_refcount_stable")
    if not isinstance(repeat, int) or isinstance(repeat, bool) or repeat < 1:
        raise ValueError("assert_refcount_stable(): repeat must be a positive int")
    action()
    _host.crossings_begin()
    before = getrefcount(obj)
    for _ in range(repeat):
        action()
    after = getrefcount(obj)
    _refuse_crossed(obj, "assert_refcount_stable")
    delta = after - before
    if delta > 0:
        chain = referrer_chain(obj)
        where = f" Currently {' '.join(chain)} refers to it." if chain else ""
        fail(
            f"After {repeat} calls the `{type_name(obj)}` object has {delta} more reference(s) "
            f"(about {delta / repeat:.1f} per call): every call stores another reference to it "
            f"somewhere that is never cleared.{where}",
            msg,
        )
    if delta < 0:
        fail(
            f"After {repeat} calls the `{type_name(obj)}` object has {-delta} fewer reference(s): "
            "each call releases a reference it did not take.",
            msg,
        )

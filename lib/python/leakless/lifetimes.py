"""When are objects freed: by reference counting, by the cycle collector, or never.

Every helper takes a *factory*: a function that builds the object(s) and
returns them.  The helper keeps only weak references, drops the factory's
result, and watches what happens — so the check itself never holds the
reference that would keep the object alive.  Automatic garbage collection is
paused while measuring, because it may otherwise run between any two
statements and free a cycle "by refcount" by accident.
"""

from . import _graph
from ._pristine import (
    BaseException,
    TypeError,
    ValueError,
    gc_collect,
    gc_disable,
    gc_enable,
    gc_isenabled,
    getattr,
    hasattr,
    id,
    isinstance,
    len,
    list,
    object,
    setattr,
    delattr,
    sorted,
    set,
    str,
    tuple,
    type,
    weak_finalize_registry,
    weak_ref,
)
from .errors import fail

_MISSING = object()


class gc_paused:
    """Context manager: automatic garbage collection is off inside, restored after.

    ``gc.collect()`` still works inside; only the *automatic* collections that
    could run between any two statements are paused.  Nests correctly.
    """

    def __enter__(self):
        self._was_enabled = gc_isenabled()
        gc_disable()
        return self

    def __exit__(self, *exc_info):
        if self._was_enabled:
            gc_enable()
        return False


def _track(factory, helper):
    """Call ``factory`` and return weak references to what it built (and nothing strong)."""
    produced = factory()
    objects = produced if type(produced) in (tuple, list) else (produced,)
    if not objects:
        raise ValueError(f"{helper}(): the factory returned an empty {type(produced).__name__}; return the object(s) to track.")
    refs = []
    for obj in objects:
        try:
            refs.append(weak_ref(obj))
        except TypeError:
            raise TypeError(
                f"{helper}(): cannot track a {type(obj).__name__!r} object: it does not support weak "
                "references (built-in int, str, tuple, list and dict do not; neither do classes with "
                "__slots__ that lack '__weakref__'). Return instances of a user-defined class, or "
                "track the object that owns this one."
            ) from None
    return refs


def _alive(refs):
    return [ref for ref in refs if ref() is not None]


def _type_names(refs):
    names = sorted(set(type(ref()).__name__ for ref in refs if ref() is not None))
    return ", ".join(f"`{name}`" for name in names)


def _why_alive(ref):
    """A teaching sentence about what keeps the object behind ``ref`` alive."""
    obj = ref()
    if obj is None:
        return ""
    path = _graph.find_path(_graph.learner_roots(), obj, max_depth=8)
    if path:
        where = _graph.render_path(path)
        return f"{where} still refers to it."
    cycle = _graph.find_cycle_path(obj)
    if cycle:
        return (
            f"It is part of a reference cycle ({_graph.render_path(cycle)} is the object itself), "
            "so its reference count never drops to zero."
        )
    return "Something outside your module's global variables still refers to it."


def freed_by_refcount(factory, *, msg=None):
    """Assert that what ``factory()`` returns is freed as soon as its last reference goes.

    No garbage collection runs: the object(s) must be freed by reference
    counting alone (no reference cycles, nothing else holding on to them).
    ``factory`` may return one object or a tuple/list of objects to track.
    """
    with gc_paused():
        refs = _track(factory, "freed_by_refcount")
        survivors = _alive(refs)
        if not survivors:
            return None
        names = _type_names(survivors)
        reason = _why_alive(survivors[0])
        gc_collect()
        freed_by_collector = not _alive(survivors)
    if freed_by_collector:
        explanation = (
            f"{names} object(s) were not freed when the last reference was dropped; only the "
            f"cycle collector (gc.collect()) freed them. {reason} Break the cycle (e.g. with "
            "weakref or by clearing the back-reference) so reference counting frees it at once."
        )
    else:
        explanation = (
            f"{names} object(s) are still alive after the last reference was dropped, "
            f"even after gc.collect(). {reason}"
        )
    fail(explanation, msg)


def needs_cycle_collector(factory, *, msg=None):
    """Assert that the object(s) survive their last reference but one full ``gc.collect()`` frees them.

    That is: they are garbage kept alive only by a reference cycle.
    """
    with gc_paused():
        refs = _track(factory, "needs_cycle_collector")
        survivors = _alive(refs)
        if len(survivors) < len(refs):
            fail(
                "The object(s) were freed immediately by reference counting, so they are not in a "
                "reference cycle and the cycle collector is not needed.",
                msg,
            )
        gc_collect()
        survivors = _alive(refs)
        if survivors:
            names = _type_names(survivors)
            fail(
                f"{names} object(s) are still alive even after gc.collect(), so they are not just an "
                f"unreachable cycle. {_why_alive(survivors[0])}",
                msg,
            )


def collectable(factory, *, msg=None):
    """Assert that the object(s) are freed by reference counting or by one full ``gc.collect()``."""
    with gc_paused():
        refs = _track(factory, "collectable")
        gc_collect()
        survivors = _alive(refs)
        if survivors:
            names = _type_names(survivors)
            fail(
                f"{names} object(s) are still alive after their last reference was dropped and "
                f"gc.collect() ran: they leak. {_why_alive(survivors[0])}",
                msg,
            )


class count_finalizations:
    """Context manager counting ``__del__`` calls on instances of ``cls`` while it is active.

    ``with count_finalizations(Resource) as counter: ...`` then ``counter.calls``.
    Explicit calls (``obj.__del__()``) count too: "cleanup ran twice" is the
    bug this catches.  ``cls`` (or a base class) must define ``__del__``.
    """

    def __init__(self, cls):
        if not isinstance(cls, type):
            raise TypeError(f"count_finalizations() needs a class, got {type(cls).__name__}")
        if not hasattr(cls, "__del__"):
            raise ValueError(
                f"count_finalizations(): {cls.__name__} has no __del__ method. To check when "
                "objects are freed, use freed_by_refcount() or collectable()."
            )
        self.cls = cls
        self.finalized_ids = []

    @property
    def calls(self):
        return len(self.finalized_ids)

    def __enter__(self):
        cls = self.cls
        self._own = cls.__dict__.get("__del__", _MISSING)
        original = getattr(cls, "__del__")
        finalized_ids = self.finalized_ids

        def __del__(obj):
            finalized_ids.append(id(obj))
            return original(obj)

        setattr(cls, "__del__", __del__)
        return self

    def __exit__(self, *exc_info):
        if self._own is _MISSING:
            delattr(self.cls, "__del__")
        else:
            setattr(self.cls, "__del__", self._own)
        return False


def finalizer_calls(factory):
    """How many finalizers ran for the object ``factory()`` returns, once it is dropped and collected.

    Counts ``__del__`` calls on it (explicit ones too) and its
    ``weakref.finalize`` callbacks that ran (or were detached) meanwhile.
    """
    with gc_paused():
        obj = factory()
        cls = type(obj)
        target = id(obj)
        finalizers = [f for f in list(weak_finalize_registry) if _finalizer_target(f) is obj]
        counter = count_finalizations(cls) if hasattr(cls, "__del__") else None
        if counter is not None:
            counter.__enter__()
        try:
            del obj
            gc_collect()
        finally:
            if counter is not None:
                counter.__exit__(None, None, None)
    calls = 0 if counter is None else counter.finalized_ids.count(target)
    return calls + len([f for f in finalizers if not f.alive])


def _finalizer_target(finalizer):
    try:
        info = finalizer.peek()
    except BaseException:
        return None
    return None if info is None else info[0]


def assert_finalized_once(factory, *, msg=None):
    """Assert that exactly one finalizer call happens for the object ``factory()`` returns."""
    calls = finalizer_calls(factory)
    if calls == 0:
        fail(
            "No finalizer ran: either the object is still alive after its last reference was "
            "dropped and gc.collect() ran, or it has no __del__ / weakref.finalize cleanup.",
            msg,
        )
    if calls > 1:
        fail(
            f"The cleanup ran {calls} times for one object; it must run exactly once (e.g. a "
            "close() that also runs again from __del__ should remember it already ran).",
            msg,
        )

"""When are objects freed: by reference counting, by the cycle collector, or never.

Every helper takes a *factory*: a function that builds the object(s) and
returns them.  The helper keeps only weak references, drops the factory's
result, and watches what happens, so the check itself never holds the
reference that would keep the object alive.  Automatic garbage collection is
paused (in both interpreters) while measuring, because it may otherwise run
between any two statements and free a cycle "by refcount" by accident.

The objects are usually the learner's (handles): the host watches them in the
learner's interpreter.  A check's own objects are watched in the judge.
"""

import _leakless_host as _host

from . import _graph
from ._facades import getattr as _learner_getattr
from ._facades import hasattr as _learner_hasattr
from ._measure import Watch, cannot_watch, collect, is_learner, paused, type_name
from .errors import fail

_MISSING = object()


class gc_paused(paused):
    """Context manager: automatic garbage collection is off inside, restored after.

    ``gc.collect()`` still works inside; only the *automatic* collections that
    could run between any two statements are paused.  Nests correctly.
    """


def _objects_of(produced):
    if type(produced) in (tuple, list):
        return list(produced)
    if is_learner(produced) and produced._leakless_static in (list, tuple):
        return list(produced)
    return [produced]


def _track(factory, helper):
    """Call ``factory`` and return weak watches on what it built (and nothing strong)."""
    _host.crossings_begin()
    produced = factory()
    objects = _objects_of(produced)
    produced_kind = type(produced) if not is_learner(produced) else produced._leakless_static
    if not objects:
        raise ValueError(
            f"{helper}(): the factory returned an empty {type(produced).__name__}; return the object(s) to track."
        )
    del produced
    for obj in objects:
        if not is_learner(obj) and _host.crossed(obj):
            raise ValueError(
                f"{helper}(): the factory returned a {type(obj).__name__} of the check's own that it also handed "
                "to the learner's code, where it arrives as a copy (or a stand-in): whether the learner's code "
                "keeps it cannot show on the check's object. Make it in the learner's interpreter: define its "
                "class in checks/fixtures.py and import it from `fixtures`, or use leakless.in_learner(value)."
            )
    split = produced_kind in (list, tuple)
    try:
        watches = [Watch(obj, helper) for obj in objects]
    except TypeError as error:
        if not split:
            raise
        raise TypeError(
            f"{error} (The factory returned a {produced_kind.__name__}, so each of its items is an object to "
            "watch; to watch one collection as a whole, return an instance of a class that holds it.)"
        ) from None
    del objects
    return watches


def _alive(watches):
    return [w for w in watches if w.alive()]


def _type_names(watches):
    names = sorted(set(type_name(w.get()) for w in watches if w.alive()))
    return ", ".join(f"`{name}`" for name in names)


def _why_alive(watch):
    """A teaching sentence about what keeps the watched object alive."""
    obj = watch.get()
    if obj is None:
        return ""
    path = _graph.find_path(_graph.learner_roots(), obj, max_depth=8)
    if path:
        return f"{_graph.render_path(path)} still refers to it."
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
    with paused():
        watches = _track(factory, "freed_by_refcount")
        survivors = _alive(watches)
        if not survivors:
            return None
        names = _type_names(survivors)
        reason = _why_alive(survivors[0])
        collect()
        freed_by_collector = not _alive(survivors)
    if freed_by_collector:
        explanation = (
            f"{names} object(s) were not freed when the last reference was dropped; only the "
            f"cycle collector (gc.collect()) freed them. {reason} Break the cycle (e.g. with "
            "weakref or by clearing the back-reference) so reference counting frees it at once."
        )
    else:
        explanation = (
            f"{names} object(s) are still alive after the last reference was dropped, even after gc.collect(). {reason}"
        )
    fail(explanation, msg)


def needs_cycle_collector(factory, *, msg=None):
    """Assert that the object(s) survive their last reference but one full ``gc.collect()`` frees them."""
    with paused():
        watches = _track(factory, "needs_cycle_collector")
        if len(_alive(watches)) < len(watches):
            fail(
                "The object(s) were freed immediately by reference counting, so they are not in a "
                "reference cycle and the cycle collector is not needed.",
                msg,
            )
        collect()
        survivors = _alive(watches)
        if survivors:
            fail(
                f"{_type_names(survivors)} object(s) are still alive even after gc.collect(), so they are not just an "
                f"unreachable cycle. {_why_alive(survivors[0])}",
                msg,
            )


def collectable(factory, *, msg=None):
    """Assert that the object(s) are freed by reference counting or by one full ``gc.collect()``."""
    with paused():
        watches = _track(factory, "collectable")
        collect()
        survivors = _alive(watches)
        if survivors:
            fail(
                f"{_type_names(survivors)} object(s) are still alive after their last reference was dropped and "
                f"gc.collect() ran: they leak. {_why_alive(survivors[0])}",
                msg,
            )


class count_finalizations:
    """Context manager counting ``__del__`` calls on instances of ``cls`` while it is active.

    ``with count_finalizations(Resource) as counter: ...`` then ``counter.calls``.
    Explicit calls (``obj.__del__()``) count too: "cleanup ran twice" is the
    bug this catches.  ``cls`` (or a base class) must define ``__del__``.
    It counts calls, which the learner's code can also make: to prove that
    objects were freed, use :func:`freed_by_refcount` or :func:`collectable`.
    """

    def __init__(self, cls):
        if not is_learner(cls) and not isinstance(cls, type):
            raise TypeError(f"count_finalizations() needs a class, got {type(cls).__name__}")
        if not _learner_hasattr(cls, "__del__"):
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
        self._own = cls.__dict__.get("__del__", None if is_learner(cls) else _MISSING)
        original = _learner_getattr(cls, "__del__")
        if is_learner(cls):
            # The wrapper must be a function of the learner's interpreter (it is bound as a method there).
            _host.take_finalized()
            _host.finalizations(cls, True)
            cls.__del__ = _host.learner_module("_leakless_learner").counting_del(original)
            return self
        finalized_ids = self.finalized_ids

        def __del__(obj):
            finalized_ids.append(id(obj))
            return original(obj)

        cls.__del__ = __del__
        return self

    def __exit__(self, *exc_info):
        cls = self.cls
        if is_learner(cls):
            _host.finalizations(cls, False)
            self.finalized_ids.extend(_host.take_finalized())
            if self._own is None:
                delattr(cls, "__del__")
            else:
                cls.__del__ = self._own
            return False
        if self._own is _MISSING:
            delattr(cls, "__del__")
        else:
            cls.__del__ = self._own
        return False


def finalizer_calls(factory):
    """How many finalizers ran for the object ``factory()`` returns, once it is dropped and collected.

    Counts ``__del__`` calls on it (explicit ones too) and its
    ``weakref.finalize`` callbacks that ran (or were detached) meanwhile.
    The finalize bookkeeping is the learner's own data: use
    :func:`assert_finalized_once`, which also proves the object was freed.
    """
    return _finalizer_calls(factory, "finalizer_calls")[0]


def _finalizer_calls(factory, helper):
    """``(calls, freed)``: freed is a TypeError (to raise) when the object cannot be watched (no weak references)."""
    with paused():
        obj = factory()
        learner = is_learner(obj)
        if learner:
            from weakref import finalize

            # The learner's finalize class as paired at boot; its registry is the learner's own data.
            registry = _host.twin(finalize)._registry
            target = _address(obj)
        else:
            import weakref

            registry = weakref.finalize._registry
            target = id(obj)
        pending = [f for f in list(registry) if _finalizer_target(f) is obj]
        try:
            watch = Watch(obj, helper)
        except TypeError:
            watch = None
            unwatchable = cannot_watch(helper, obj)
        cls = _class_of(obj)
        counter = count_finalizations(cls) if _learner_hasattr(cls, "__del__") else None
        if counter is not None:
            counter.__enter__()
        try:
            del obj
            collect()
        finally:
            if counter is not None:
                counter.__exit__(None, None, None)
    calls = 0 if counter is None else counter.finalized_ids.count(target)
    freed = unwatchable if watch is None else not watch.alive()
    return calls + len([f for f in pending if not f.alive]), freed


def _address(obj):
    from ._facades import id as learner_id

    return learner_id(obj)


def _class_of(obj):
    from ._facades import type as learner_type

    return learner_type(obj)


def _finalizer_target(finalizer):
    try:
        info = finalizer.peek()
    except BaseException:
        return None
    return None if info is None else info[0]


def assert_finalized_once(factory, *, msg=None):
    """Assert that the object ``factory()`` returns is freed once dropped, and that exactly one
    finalizer call happens for it."""
    calls, freed = _finalizer_calls(factory, "assert_finalized_once")
    if isinstance(freed, TypeError):
        raise freed  # without a weak reference, "it was freed" cannot be shown
    if freed is False:
        fail(
            "The object is still alive after its last reference was dropped and gc.collect() ran, "
            "so its cleanup cannot have run as a finalizer should.",
            msg,
        )
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


def live_frames(func):
    """How many frames of the learner's function ``func`` are alive, after a full collection.

    Counts frame objects of ``func`` that outlived their call (a stored
    exception's ``__traceback__`` keeps every frame it passed through, as does
    a frame kept from ``sys._getframe()``) and generators or coroutines of
    ``func`` that have not finished.  Each holds the local variables of its
    call.  Measured by the host in the learner's interpreter
    (lib/judge/README.md).  ``func``: a function, method or generator function
    of the learner's code (or of ``fixtures.py``).
    """
    if not is_learner(func):
        raise TypeError(
            f"live_frames() needs a function of the learner's code (import it from `submission` or "
            f"`fixtures`), got the check's own {type(func).__name__!r} object"
        )
    collect()
    return _host.live_frames(func)


def assert_no_live_frames(func, *, msg=None):
    """Assert that no frame of the learner's function ``func`` is still alive (see :func:`live_frames`)."""
    count = live_frames(func)
    if count:
        name = _learner_getattr(func, "__qualname__", None) or "the function"
        fail(
            f"{count} frame(s) of `{name}` are still alive after the call(s) ended, and with them every local "
            "variable of those calls. Something keeps them: a stored exception or traceback (its __traceback__ "
            "holds every frame it passed through; keep the message or the type instead, or set it to None), a "
            "frame kept from sys._getframe(), or a generator that was never finished (exhaust it or call its "
            "close()).",
            msg,
        )

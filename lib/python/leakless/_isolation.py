"""Isolation between runs that share one interpreter, and between learner code and checks.

The browser keeps one Pyodide interpreter for many runs, and in a check run the
learner's module is imported *before* the checks execute in the same
interpreter.  Learner code can therefore leave state behind (a global in
``builtins``, ``sys.setrecursionlimit(10**9)``, ``gc.disable()``, a fake
``sys.modules['leakless']``) or monkeypatch what the checks rely on
(``gc.collect``, ``builtins.len``, ``leakless.freed_by_refcount``, a function's
``__code__``).

:func:`capture_baseline` records the pristine state once, when the harness is
imported (before any learner code ever ran); :func:`restore` puts it back.
The harness restores after every run, after the learner module is imported
(so checks see pristine versions) and before every single check (so learner
code called by one check cannot influence the next).

What is restored:

* the ``builtins`` namespace (added, removed and replaced names);
* the namespaces of the guarded modules (:data:`GUARDED_MODULES` and every
  ``leakless`` module): added/removed/replaced attributes; for ``leakless``
  and ``unittest.case`` also the attribute dictionaries of classes defined
  there and the ``__code__``/defaults of functions defined there;
* ``sys``: streams, hooks, ``path``, ``meta_path``, ``path_hooks`` (contents
  too), trace and profile functions, the recursion limit, the int string
  limit, and ``sys.modules`` (modules added by the run are dropped, replaced
  ones put back);
* ``gc``: enabled, thresholds, debug flags, ``gc.callbacks``, ``gc.garbage``,
  and a learner's ``gc.freeze()`` (by unfreezing everything);
* ``tracemalloc`` stopped (unless it was tracing at baseline);
* ``warnings`` filters.

What is *not* restored (documented in lib/python/README.md): mutations inside
objects the guarded modules do not own (e.g. attributes set on a stdlib class
outside the guarded modules), and anything done through
``js``/``pyodide_js`` — Pyodide is not a sandbox, and only the server's
verdict, produced in an OS-isolated process, counts.
"""

import builtins as _builtins
import gc as _gc
import importlib as _importlib
import operator as _operator
import os as _os
import sys as _sys
import tracemalloc as _tracemalloc
import types as _types
import warnings as _warnings

from ._pristine import (
    BaseException,
    SystemExit,
    delattr,
    dict,
    getattr,
    hasattr,
    isinstance,
    list,
    setattr,
    str,
    type,
)

# Modules whose namespaces the harness, the checks or the check library rely on.
# They are imported here so that learner code shares these very module objects
# (and cannot swap them in sys.modules for the checks).
GUARDED_MODULES = (
    "abc", "ast", "builtins", "collections", "contextlib", "copy", "dataclasses",
    "enum", "functools", "gc", "io", "itertools", "json", "json.decoder",
    "json.encoder", "linecache", "math", "operator", "os", "posix", "random",
    "reprlib", "sys", "time", "traceback", "tracemalloc", "types", "typing",
    "unittest", "unittest.case", "unittest.util", "warnings", "weakref",
    "_weakrefset",
)

_MISSING = object()
# Bound at import, before learner code runs (restore() repairs this module's globals first).
_all = _builtins.all
_map = _builtins.map
_len = _builtins.len
_is = _operator.is_
_HEAPTYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: only heap types accept setattr.
_FunctionType = _types.FunctionType
_ModuleType = _types.ModuleType


def _import_guarded():
    modules = []
    for name in GUARDED_MODULES:
        try:
            modules.append(_importlib.import_module(name))
        except ImportError:  # e.g. "posix" on Windows; the rest is guarded anyway
            pass
    return modules


# Modules whose classes and functions are guarded too, not only their namespace:
# the ones whose code the checks execute (the check library and TestCase).
# Doing this for every guarded module would cost ~5 ms per restore.
_DEEP_GUARDED_MODULES = ("unittest.case",)
# Guarded deep for their functions and only the classes listed: the harness
# rewrites check files' asserts through ast.NodeTransformer at the start of
# every check run, and a learner who patched ast.NodeVisitor.visit in one run
# had the next run's asserts rewritten away (the browser keeps its
# interpreter). Not all of ast: its ~120 node classes would cost ~1 ms more
# per restore.
_PARTLY_DEEP_GUARDED_MODULES = {"ast": ("NodeVisitor", "NodeTransformer")}


class _ModuleState:
    """A module's namespace and, for deep-guarded modules, its classes' namespaces and
    its functions' code."""

    def __init__(self, module, deep, only_classes=None):
        self.module = module
        self.namespace = dict(module.__dict__)
        self.classes = []
        self.functions = []
        if not deep:
            return
        module_name = module.__name__
        for value in self.namespace.values():
            if isinstance(value, type) and value.__flags__ & _HEAPTYPE and getattr(value, "__module__", None) == module_name:
                if only_classes is not None and value.__name__ not in only_classes:
                    continue
                self.classes.append((value, dict(value.__dict__)))
                for member in value.__dict__.values():
                    self._remember_function(member, module_name)
            else:
                self._remember_function(value, module_name)

    def _remember_function(self, value, module_name):
        if isinstance(value, _FunctionType) and value.__module__ == module_name:
            self.functions.append((value, value.__code__, value.__defaults__, value.__kwdefaults__))

    def restore(self):
        _restore_namespace(self.module.__dict__, self.namespace)
        for cls, saved in self.classes:
            current = cls.__dict__
            if _unchanged(current, saved):
                continue
            for name in list(current):
                if name not in saved:
                    delattr(cls, name)
            for name, value in saved.items():
                if current.get(name, _MISSING) is not value:
                    setattr(cls, name, value)
        for function, code, defaults, kwdefaults in self.functions:
            if function.__code__ is not code:
                function.__code__ = code
            if function.__defaults__ is not defaults:
                function.__defaults__ = defaults
            if function.__kwdefaults__ is not kwdefaults:
                function.__kwdefaults__ = kwdefaults


def _unchanged(current, saved):
    """The same names bound to the same objects in the same order (compared in C, with ``is``)."""
    return (
        _len(current) == _len(saved)
        and _all(_map(_is, current.values(), saved.values()))
        and _all(_map(_is, current.keys(), saved.keys()))
    )


def _restore_namespace(current, saved):
    # Fast path, in C: the same names bound to the same objects, in the same
    # order, is nothing to restore (the common case: most namespaces are never
    # touched). A difference in order only takes the slow path below. Measured
    # in Pyodide over the course's 40 jobs: the per-name loop was 43 % of the
    # harness's time (11 restores per job, ~35 namespaces each).
    if _unchanged(current, saved):
        return
    for name in list(current):
        if name not in saved:
            del current[name]
    for name, value in saved.items():
        if current.get(name, _MISSING) is not value:
            current[name] = value


class Baseline:
    """The pristine interpreter state, captured once before any learner code runs."""

    def __init__(self):
        self.module_states = [
            _ModuleState(
                module,
                deep=module.__name__ in _DEEP_GUARDED_MODULES or module.__name__ in _PARTLY_DEEP_GUARDED_MODULES,
                only_classes=_PARTLY_DEEP_GUARDED_MODULES.get(module.__name__),
            )
            for module in _import_guarded()
        ]
        self.module_states.extend(
            _ModuleState(module, deep=True)
            for name, module in list(_sys.modules.items())
            if (name == "leakless" or name.startswith("leakless.")) and isinstance(module, _ModuleType)
        )
        self.sys_lists = {
            "path": list(_sys.path),
            "meta_path": list(_sys.meta_path),
            "path_hooks": list(_sys.path_hooks),
        }
        self.path_importer_cache = dict(_sys.path_importer_cache)
        self.recursion_limit = _sys.getrecursionlimit()
        self.int_max_str_digits = (
            _sys.get_int_max_str_digits() if hasattr(_sys, "get_int_max_str_digits") else None
        )
        self.gc_enabled = _gc.isenabled()
        self.gc_threshold = _gc.get_threshold()
        self.gc_debug = _gc.get_debug()
        self.gc_callbacks = list(_gc.callbacks)
        self.gc_freeze_count = _gc.get_freeze_count()
        self.tracemalloc_tracing = _tracemalloc.is_tracing()
        self.warning_filters = list(_warnings.filters)
        self.os_exit = _os._exit


def capture_baseline():
    return Baseline()


# Bound once: restore() must not look anything up that learner code could have replaced.
_sys_settrace = _sys.settrace
_sys_setprofile = _sys.setprofile
_sys_setrecursionlimit = _sys.setrecursionlimit
_sys_set_int_max_str_digits = getattr(_sys, "set_int_max_str_digits", None)
_gc_enable = _gc.enable
_gc_disable = _gc.disable
_gc_set_threshold = _gc.set_threshold
_gc_set_debug = _gc.set_debug
_gc_callbacks = _gc.callbacks
_gc_garbage = _gc.garbage
_gc_get_freeze_count = _gc.get_freeze_count
_gc_unfreeze = _gc.unfreeze
_tm_is_tracing = _tracemalloc.is_tracing
_tm_stop = _tracemalloc.stop
_sys_modules = _sys.modules
_warnings_module = _warnings


def snapshot_modules():
    """``sys.modules`` as it is now, taken at the start of a run."""
    return dict(_sys_modules)


def restore(baseline, modules_before, keep=None, final=False, _own=None, _own_saved=None):
    """Put the interpreter back into the baseline state.

    ``modules_before`` is :func:`snapshot_modules` from the start of the run:
    modules imported since are dropped, replaced ones put back.  ``keep`` maps
    module names that must stay (the ``submission`` module while checks run).
    ``final`` marks the restore at the end of a run, which also undoes a
    ``gc.freeze()`` (counting frozen objects is O(n), so not before every check).

    ``_own``/``_own_saved`` (set once, at the end of this module) are this
    module's namespace and its pristine copy.  Learner code can replace this
    module's globals (``leakless._isolation.list = ...``) and everything below
    looks them up, so they are put back first, with dict methods and syntax only.
    """
    if _own is not None:
        _own.update(_own_saved)
        for name in [name for name in _own if name not in _own_saved]:
            del _own[name]
    _sys_settrace(None)
    _sys_setprofile(None)
    # Builtins and sys first: everything after may rely on them.
    for state in baseline.module_states:
        state.restore()
    for name, saved in baseline.sys_lists.items():
        getattr(_sys, name)[:] = saved
    _restore_namespace(_sys.path_importer_cache, baseline.path_importer_cache)
    _restore_namespace(_sys_modules, modules_before)
    if keep:
        for name, module in keep.items():
            _sys_modules[name] = module
    _sys_setrecursionlimit(baseline.recursion_limit)
    if _sys_set_int_max_str_digits is not None:
        _sys_set_int_max_str_digits(baseline.int_max_str_digits)
    _gc_set_threshold(*baseline.gc_threshold)
    _gc_set_debug(baseline.gc_debug)
    _gc_callbacks[:] = baseline.gc_callbacks
    del _gc_garbage[:]
    if final and _gc_get_freeze_count() > baseline.gc_freeze_count:
        # Learner code called gc.freeze(): its objects would never be collected nor seen by
        # gc.get_objects(). Unfreezing cannot be partial, so the host's own freeze (if any)
        # is undone too: collections get slower, results stay right.
        _gc_unfreeze()
    if baseline.gc_enabled:
        _gc_enable()
    else:
        _gc_disable()
    if _tm_is_tracing() and not baseline.tracemalloc_tracing:
        _tm_stop()
    _warnings_module.filters[:] = baseline.warning_filters
    mutated = getattr(_warnings_module, "_filters_mutated", None) or getattr(
        _warnings_module, "_filters_mutated_lock_held", None
    )
    if mutated is not None:
        try:
            mutated()
        except BaseException:
            pass


class InterpreterExitBlocked(SystemExit):
    """Raised instead of killing the interpreter when learner code calls ``os._exit``.

    In Pyodide ``os._exit`` ends the whole interpreter ("Pyodide already exited
    and can no longer be used") and, in Node, sets the process exit code; it
    cannot be caught from Python.  While learner code runs, ``os._exit`` and
    ``posix._exit`` are replaced by a function raising this SystemExit subclass,
    so the harness reports it like ``sys.exit()`` instead of dying.
    """


def _blocked_exit(code=0):
    raise InterpreterExitBlocked(f"os._exit({code}) was called; it is not allowed here (it would stop the Python interpreter)")


def block_interpreter_exit():
    """Called at the start of learner execution; :func:`restore` undoes it."""
    _os._exit = _blocked_exit
    posix = _sys_modules.get("posix")
    if posix is not None and hasattr(posix, "_exit"):
        posix._exit = _blocked_exit


# The deepest recursion limit learner code may set.  Past a few thousand Python
# frames the WebAssembly stack (the host's JS stack) overflows before Python's
# own check fires, and Pyodide dies with "Maximum call stack size exceeded"
# instead of raising RecursionError: measured in the Node verifier, 3000 frames
# raise RecursionError and 6000 kill the interpreter.  Clamping keeps
# `sys.setrecursionlimit(10**9)` followed by runaway recursion an ordinary,
# explained RecursionError on both hosts.
MAX_RECURSION_LIMIT = 3000


def _clamped_setrecursionlimit(limit):
    # Same argument checks and errors as the real function, then the clamp.
    _sys_setrecursionlimit(limit)
    if limit > MAX_RECURSION_LIMIT:
        _sys_setrecursionlimit(MAX_RECURSION_LIMIT)


def clamp_recursion_limit():
    """Called at the start of learner execution; :func:`restore` puts ``sys.setrecursionlimit`` back."""
    _sys.setrecursionlimit = _clamped_setrecursionlimit


# Functions that start or replace processes.  Pyodide has no processes: most of
# these fail with OSError anyway, but `os.system` in Node reaches the host's
# child_process, which the verifier's sandbox refuses by killing the whole
# interpreter (a "crashed" run instead of an explained error).
_PROCESS_FUNCTIONS = (
    "system", "popen", "fork", "forkpty", "posix_spawn", "posix_spawnp",
    "execl", "execle", "execlp", "execlpe", "execv", "execve", "execvp", "execvpe",
    "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve", "spawnvp", "spawnvpe",
)


def _refused_process(*args, **kwargs):
    raise PermissionError("starting processes is not allowed here")


def refuse_processes():
    """Called at the start of learner execution; :func:`restore` undoes it (``os``/``posix`` are guarded)."""
    posix = _sys_modules.get("posix")
    for module in (_os, posix):
        if module is None:
            continue
        for name in _PROCESS_FUNCTIONS:
            if hasattr(module, name):
                setattr(module, name, _refused_process)


# Last, once every name above exists: restore() repairs this namespace before using it.
restore.__defaults__ = (None, False, globals(), dict(globals()))

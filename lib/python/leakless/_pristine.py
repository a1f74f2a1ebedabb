"""Private references to everything the harness and the check library rely on.

Learner code runs in the same interpreter as the checks and may replace
``gc.collect``, ``sys.getrefcount``, ``builtins.len`` and friends, by accident
or to fool a check.  This module is imported (by ``leakless/__init__.py``)
before any learner code has ever run, so the names below are the genuine
objects.  Every other ``leakless`` module takes what it needs from here instead
of looking it up at call time in ``builtins`` or in another module.

The builtins are deliberately exported under their usual names so that
``from ._pristine import len, isinstance`` shadows the (patchable) builtins for
the importing module with the (captured) originals.
"""

import builtins as _builtins
import gc as _gc
import sys as _sys
import time as _time
import tracemalloc as _tracemalloc
import weakref as _weakref

# --- builtins -----------------------------------------------------------------
len = _builtins.len
isinstance = _builtins.isinstance
issubclass = _builtins.issubclass
type = _builtins.type
id = _builtins.id
repr = _builtins.repr
str = _builtins.str
iter = _builtins.iter
next = _builtins.next
getattr = _builtins.getattr
setattr = _builtins.setattr
delattr = _builtins.delattr
hasattr = _builtins.hasattr
callable = _builtins.callable
sorted = _builtins.sorted
range = _builtins.range
enumerate = _builtins.enumerate
zip = _builtins.zip
min = _builtins.min
max = _builtins.max
sum = _builtins.sum
abs = _builtins.abs
list = _builtins.list
tuple = _builtins.tuple
dict = _builtins.dict
set = _builtins.set
frozenset = _builtins.frozenset
int = _builtins.int
float = _builtins.float
bool = _builtins.bool
object = _builtins.object
vars = _builtins.vars
compile = _builtins.compile
exec = _builtins.exec
BaseException = _builtins.BaseException
Exception = _builtins.Exception
AssertionError = _builtins.AssertionError
KeyboardInterrupt = _builtins.KeyboardInterrupt
SystemExit = _builtins.SystemExit
TypeError = _builtins.TypeError
ValueError = _builtins.ValueError
AttributeError = _builtins.AttributeError
ImportError = _builtins.ImportError
SyntaxError = _builtins.SyntaxError

# --- gc -----------------------------------------------------------------------
gc_collect = _gc.collect
gc_enable = _gc.enable
gc_disable = _gc.disable
gc_isenabled = _gc.isenabled
gc_get_objects = _gc.get_objects
gc_get_referents = _gc.get_referents
gc_get_referrers = _gc.get_referrers
gc_is_tracked = _gc.is_tracked

# --- sys ----------------------------------------------------------------------
getrefcount = _sys.getrefcount
getsizeof = _sys.getsizeof
sys_modules = _sys.modules
# 3.14 has sys._is_immortal; older interpreters have no immortal objects to ask about.
is_immortal = _sys._is_immortal if _builtins.hasattr(_sys, "_is_immortal") else None

# --- weakref ------------------------------------------------------------------
weak_ref = _weakref.ref
weak_finalize = _weakref.finalize
weak_finalize_registry = _weakref.finalize._registry

# --- tracemalloc --------------------------------------------------------------
tm_start = _tracemalloc.start
tm_stop = _tracemalloc.stop
tm_is_tracing = _tracemalloc.is_tracing
tm_get_traced_memory = _tracemalloc.get_traced_memory
tm_reset_peak = _tracemalloc.reset_peak

# --- time ---------------------------------------------------------------------
perf_counter = _time.perf_counter
bytes = _builtins.bytes
bytearray = _builtins.bytearray
reversed = _builtins.reversed

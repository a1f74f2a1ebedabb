"""leakless: the check library for Leakless exercises.

Instructors write checks with these helpers::

    from leakless import freed_by_refcount, no_leak
    from submission import LinkedList

    def test_list_is_freed_without_the_cycle_collector():
        freed_by_refcount(lambda: LinkedList([1, 2, 3]))

Every helper holds private references to ``gc``, ``weakref``, ``sys``,
``tracemalloc`` and the builtins it uses, captured when this package is
imported (before any learner code runs), so monkeypatching by learner code
cannot fool it.  Failures raise :class:`LeaklessCheckFailure` (an
``AssertionError``) with a teaching message; every asserting helper accepts
``msg=`` to put the instructor's own words first.  See lib/python/README.md.
"""

from . import _pristine  # noqa: F401  (first: captures the genuine builtins, gc, sys …)
from .errors import LeaklessCheckFailure
from .lifetimes import (
    assert_finalized_once,
    collectable,
    count_finalizations,
    finalizer_calls,
    freed_by_refcount,
    gc_paused,
    needs_cycle_collector,
)
from .memory import (
    assert_lazy,
    assert_peak_below,
    assert_peak_ratio,
    assert_smaller,
    count_instances,
    deep_size,
    is_lazy,
    no_leak,
    peak_memory,
    relative_size,
)
from .references import (
    assert_in_cycle,
    assert_not_in_cycle,
    assert_refcount_stable,
    in_reference_cycle,
    referrer_chain,
    refcount_delta,
)

__all__ = [
    "LeaklessCheckFailure",
    "assert_finalized_once",
    "assert_in_cycle",
    "assert_lazy",
    "assert_not_in_cycle",
    "assert_peak_below",
    "assert_peak_ratio",
    "assert_refcount_stable",
    "assert_smaller",
    "collectable",
    "count_finalizations",
    "count_instances",
    "deep_size",
    "finalizer_calls",
    "freed_by_refcount",
    "gc_paused",
    "in_reference_cycle",
    "is_lazy",
    "needs_cycle_collector",
    "no_leak",
    "peak_memory",
    "referrer_chain",
    "refcount_delta",
    "relative_size",
]

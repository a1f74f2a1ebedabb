"""leakless: the check library for Leakless exercises.

Instructors write checks with these helpers::

    from leakless import freed_by_refcount, no_leak
    from submission import LinkedList

    def test_list_is_freed_without_the_cycle_collector():
        freed_by_refcount(lambda: LinkedList([1, 2, 3]))

Checks run in the judge interpreter, apart from the learner's code; the
helpers measure the learner's objects through the host, in the learner's
interpreter, with nothing learner code can patch (lib/judge/README.md).
Failures raise :class:`LeaklessCheckFailure` (an ``AssertionError``) with a
teaching message; every asserting helper accepts ``msg=`` to put the
instructor's own words first.  See lib/python/README.md.
"""

import _leakless_host as _host

from .errors import LeaklessCheckFailure
from .lifetimes import (
    assert_finalized_once,
    assert_no_live_frames,
    collectable,
    count_finalizations,
    finalizer_calls,
    freed_by_refcount,
    gc_paused,
    live_frames,
    needs_cycle_collector,
)
from .memory import (
    assert_lazy,
    assert_peak_below,
    assert_peak_ratio,
    assert_smaller,
    count_instances,
    deep_size,
    instance_layout,
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
    refcount_delta,
    referrer_chain,
)


def in_learner(value):
    """A copy of ``value`` made in the learner's interpreter, as a learner object.

    For data a check hands to the learner's code and then watches: the
    learner's references to it show in ``refcount_delta``, its identity
    survives a round trip (``result is basket``), and the learner's code
    mutates this very object::

        basket = in_learner([])
        assert add_item("tea", basket) is basket and basket == ["tea"]
    """
    return _host.new_value(value)


__all__ = [
    "in_learner",
    "LeaklessCheckFailure",
    "assert_finalized_once",
    "assert_in_cycle",
    "assert_lazy",
    "assert_no_live_frames",
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
    "instance_layout",
    "is_lazy",
    "live_frames",
    "needs_cycle_collector",
    "no_leak",
    "peak_memory",
    "referrer_chain",
    "refcount_delta",
    "relative_size",
]

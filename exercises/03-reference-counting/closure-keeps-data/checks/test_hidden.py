import gc
import tracemalloc

from fixtures import Samples
from leakless import freed_by_refcount, in_learner, refcount_delta
from submission import make_report


def test_other_batches():
    assert make_report([7])() == "n=1 mean=7.00 max=7"
    assert make_report((2.5, -1.0, 4.0))() == "n=3 mean=1.83 max=4.0"
    assert make_report([-3, -9])() == "n=2 mean=-6.00 max=-3"


def test_report_does_not_hold_a_tuple_of_samples():
    # Tuples cannot be weakly referenced, so watch the reference count instead.
    samples = in_learner(tuple(range(1_000, 2_000)))  # made beside your code, so its references count
    reports = []
    delta = refcount_delta(samples, lambda: reports.append(make_report(samples)))
    assert delta == 0, "the function returned by make_report should not keep a reference to the samples"
    assert reports[0]() == "n=1000 mean=1499.50 max=1999"


def test_report_keeps_no_copy_of_the_samples():
    # Whatever make_report returns (a closure, a callable object, functools.partial...), the
    # memory still in use once the samples are gone is what it keeps. A copy of the samples
    # (list(samples), sorted(samples), a default argument, an attribute) frees the caller's
    # list but keeps about as much memory as the batch took.
    values = [float(n) for n in range(4_000)]
    gc.collect()
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        samples = in_learner(values)  # the batch, made beside your code while memory is traced
        batch = tracemalloc.get_traced_memory()[0] - start
        report = make_report(samples)
        del samples
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - start
    finally:
        if not was_tracing:
            tracemalloc.stop()
    assert kept < batch // 10, (
        f"once the samples were dropped, what make_report returned still keeps {kept} bytes, "
        f"{100 * kept // batch}% of the memory of the batch itself: it holds a copy of the samples. "
        "Keep only the results the line needs"
    )
    assert report() == "n=4000 mean=1999.50 max=3999.0"


def test_many_reports_keep_no_batches():
    reports = []

    def batches():
        made = tuple(Samples(list(range(n, n + 500))) for n in range(0, 5_000, 500))
        reports.extend(make_report(batch) for batch in made)
        return made

    freed_by_refcount(batches, msg="every batch should be freed once only its report is kept")
    assert reports[-1]() == "n=500 mean=4749.50 max=4999"

import sys

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


def test_closure_keeps_no_copy_of_the_samples():
    # Copying the samples (list(samples), sorted(samples)...) frees the caller's list but
    # keeps just as much memory: the closure should keep small results only.
    samples = Samples(range(5_000))
    report = make_report(samples)
    kept = [cell.cell_contents for cell in (report.__closure__ or ())]
    too_big = sys.getsizeof(samples) // 10
    assert all(sys.getsizeof(value) < too_big for value in kept), (
        "the closure keeps something almost as large as the samples (a copy?): keep only the results"
    )


def test_many_reports_keep_no_batches():
    reports = []

    def batches():
        made = tuple(Samples(range(n, n + 500)) for n in range(0, 5_000, 500))
        reports.extend(make_report(batch) for batch in made)
        return made

    freed_by_refcount(batches, msg="every batch should be freed once only its report is kept")
    assert reports[-1]() == "n=500 mean=4749.50 max=4999"

from fixtures import Samples
from leakless import freed_by_refcount
from submission import make_report


def test_report_text():
    report = make_report([1, 2, 3])
    assert report() == "n=3 mean=2.00 max=3"
    assert report() == "n=3 mean=2.00 max=3", "calling `report()` again should give the same text"


def test_samples_are_freed_while_report_lives():
    reports = []

    def make_samples_and_report():
        samples = Samples([float(n) for n in range(2_000)])
        reports.append(make_report(samples))
        return samples

    freed_by_refcount(
        make_samples_and_report,
        msg=(
            "The samples list is still alive although only `report` is kept: `report` "
            "reads `samples` when it runs, so Python keeps `samples` in a closure cell "
            "for as long as `report` lives (see `report.__closure__`). Compute what "
            "`report` needs in `make_report` and let `report` use only that."
        ),
    )
    assert reports[0]() == "n=2000 mean=999.50 max=1999.0"

import submission
from leakless import count_instances


def sales_export(days, products=("tea", "cake", "scones")):
    """A CSV export with one sale per product per day; amount = day + position."""
    lines = ["day,product,amount"]
    for day in range(1, days + 1):
        for i, product in enumerate(products):
            lines.append(f"2024-05-{day:03d},{product},{day + i}")
    return "\n".join(lines)


def test_totals_are_correct():
    report = submission.NightlyReport(upload=lambda totals: None)
    totals = report.run(sales_export(3, products=("tea", "cake")))
    assert totals == {"tea": 6, "cake": 9}, "run() must return the totals per product"
    assert report.last_totals == totals, "run() must store the totals in self.last_totals"


def test_rows_are_released_before_the_upload():
    rows_before = count_instances(submission.Row)
    alive_during_upload = []

    def slow_upload(totals):
        alive_during_upload.append(count_instances(submission.Row) - rows_before)

    report = submission.NightlyReport(upload=slow_upload)
    report.run(sales_export(100))
    assert alive_during_upload == [0], (
        f"{alive_during_upload[0]} `Row` objects were still alive while `upload()` was running. "
        "The rows are only needed to compute the totals, but the upload can wait on the "
        "network for minutes. Drop every reference to them first: the local variable "
        "`rows` (`del rows`), and anything stored on `self`."
    )


def test_report_keeps_no_rows_after_run():
    rows_before = count_instances(submission.Row)
    report = submission.NightlyReport(upload=lambda totals: None)
    report.run(sales_export(100))
    kept = count_instances(submission.Row) - rows_before
    assert kept == 0, (
        f"{kept} `Row` objects are still alive after `run()` returned. The `NightlyReport` "
        "lives as long as the server, so whatever it keeps on `self` is never freed: "
        "look at the attributes `run()` sets, and keep only the totals."
    )

import gc
import tracemalloc

import submission
from leakless import count_instances, in_learner


def sales_export(days, products=("tea", "cake", "scones", "pie")):
    lines = ["day,product,amount"]
    for day in range(1, days + 1):
        for i, product in enumerate(products):
            lines.append(f"2024-{day:04d},{product},{day * (i + 1)}")
    return "\n".join(lines)


def test_every_run_releases_its_rows_before_uploading():
    rows_before = count_instances(submission.Row)
    alive_during_upload = []
    uploaded = []

    def slow_upload(totals):
        alive_during_upload.append(count_instances(submission.Row) - rows_before)
        uploaded.append(dict(totals))

    report = submission.NightlyReport(upload=slow_upload)
    first = report.run(sales_export(120))
    second = report.run(sales_export(10, products=("bread",)))
    assert alive_during_upload == [0, 0], (
        f"`Row` objects alive during each upload: {alive_during_upload}; expected none"
    )
    assert first == {"tea": 7260, "cake": 14520, "scones": 21780, "pie": 29040}
    assert second == {"bread": 55}, "each run reports that night's totals only"
    assert uploaded == [first, second], "upload() must receive the totals it returns"
    assert report.last_totals == second
    assert count_instances(submission.Row) - rows_before == 0


def test_an_empty_export_uploads_empty_totals():
    uploaded = []
    report = submission.NightlyReport(upload=uploaded.append)
    assert report.run("day,product,amount") == {}
    assert uploaded == [{}]


def test_the_report_retains_little_memory():
    # Whatever stays allocated after run() (with the report still alive) must be small next to
    # the export itself: only the totals survive. Catches keeping anything big, not only Row
    # objects: the text, its lines, a copy.
    export = sales_export(150)
    report = submission.NightlyReport(upload=lambda totals: None)
    gc.collect()
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        text = in_learner(export)  # the night's export, made beside your code while memory is traced
        export_size = tracemalloc.get_traced_memory()[0] - before
        report.run(text)
        del text
        gc.collect()
        retained = tracemalloc.get_traced_memory()[0] - before
    finally:
        if not was_tracing:
            tracemalloc.stop()
    assert retained < export_size // 4, (
        f"After run() the report still holds {retained} bytes, "
        f"{100 * retained // export_size}% of the size of the export it was given: keep only the totals"
    )

from fixtures import batches_still_alive, photos, resize_batch, thumbnails_of_the_day, upload_with_retry
from leakless import freed_by_refcount
from submission import CrashReporter, run_job


def test_a_batch_made_inside_the_job_is_freed():
    reporter = CrashReporter()
    assert run_job(thumbnails_of_the_day, reporter, 10) is None
    assert batches_still_alive() == 0, "a batch made by the failing job itself is still alive: the job's frame holds it"
    assert "in thumbnails_of_the_day" in reporter.report()[0]


def test_chained_exceptions_are_reported_whole():
    reporter = CrashReporter()

    def failed_upload():
        batch = photos(30)
        run_job(upload_with_retry, reporter, batch)
        return batch

    freed_by_refcount(failed_upload, msg="the batch of a failed upload (two chained exceptions) was not freed")
    [text] = reporter.report()
    assert "TimeoutError: no answer after sending 30 photos" in text, f"the report lost the first exception:\n{text}"
    assert "During handling of the above exception, another exception occurred:" in text
    assert text.endswith("ConnectionError: upload abandoned\n"), text


def test_keeps_the_last_failures_in_order():
    reporter = CrashReporter(keep=3)
    batches = []

    def five_failures():
        for count in (5, 6, 7, 8, 9):
            batches.append(photos(count))
            run_job(resize_batch, reporter, batches[-1])
            run_job(resize_batch, reporter, photos(2))  # succeeds: nothing recorded
        run_job(upload_with_retry, reporter, photos(0))
        kept = tuple(batches)
        batches.clear()
        return kept

    freed_by_refcount(five_failures, msg="some batches of failed jobs are still alive")
    report = reporter.report()
    assert len(report) == 3, f"keep=3, but report() returned {len(report)} failures"
    assert [text.splitlines()[-1] for text in report] == [
        "ValueError: photo 3 is corrupt",
        "ValueError: photo 3 is corrupt",
        "ConnectionError: upload abandoned",
    ]
    assert CrashReporter().report() == []

from fixtures import photos, resize_batch
from leakless import freed_by_refcount
from submission import CrashReporter, run_job


def test_the_report_shows_the_traceback():
    reporter = CrashReporter()
    assert run_job(resize_batch, reporter, photos(2)) is not None
    assert run_job(resize_batch, reporter, photos(5)) is None
    [text] = reporter.report()
    assert text.startswith("Traceback (most recent call last):\n"), (
        f"report() should give each failure's whole traceback, as Python prints it; it gave:\n{text}"
    )
    assert "in run_job" in text and "in resize_batch" in text, f"the report lost the traceback's frames:\n{text}"
    assert text.endswith("ValueError: photo 3 is corrupt\n"), text


def test_a_failed_batch_is_freed():
    reporter = CrashReporter()

    def failed_job():
        batch = photos(20)
        run_job(resize_batch, reporter, batch)
        return batch

    freed_by_refcount(
        failed_job,
        msg="the failed batch is still alive after its caller dropped it. The reporter keeps the "
        "exception; the exception keeps its traceback (`__traceback__`); the traceback keeps every "
        "frame it went through (`tb_frame`), and each frame keeps its local variables and arguments: "
        "`batch` in resize_batch, `args` in run_job. What does the Problems page really need?",
    )
    assert len(reporter.report()) == 1 and "ValueError: photo 3 is corrupt" in reporter.report()[0]

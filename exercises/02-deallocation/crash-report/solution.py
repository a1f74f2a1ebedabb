import traceback


class CrashReporter:
    """Keeps the last `keep` failures of background jobs for the Problems page."""

    def __init__(self, keep=10):
        self.keep = keep
        self.failures = []

    def record(self, error):
        # Keep the text, made now: the exception refers to its traceback, the traceback
        # to every frame it went through, and each frame to all its local variables.
        self.failures.append("".join(traceback.format_exception(error)))
        del self.failures[: -self.keep]

    def report(self):
        """The recorded failures, oldest first, each as Python prints its traceback."""
        return list(self.failures)


def run_job(job, reporter, *args):
    """Runs job(*args); a failure is recorded, and the job's result is then None."""
    try:
        return job(*args)
    except Exception as error:
        reporter.record(error)
        return None

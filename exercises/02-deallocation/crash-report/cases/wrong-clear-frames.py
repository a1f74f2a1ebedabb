# Keeps the exception but calls traceback.clear_frames on its traceback. That clears the
# locals of frames that have finished, but not of run_job's frame, which is still running
# when record() is called: its `args` keep the batch alive. Wrong.
import traceback


class CrashReporter:
    """Keeps the last `keep` failures of background jobs for the Problems page."""

    def __init__(self, keep=10):
        self.keep = keep
        self.failures = []

    def record(self, error):
        traceback.clear_frames(error.__traceback__)
        self.failures.append(error)
        del self.failures[: -self.keep]

    def report(self):
        """The recorded failures, oldest first, each as Python prints its traceback."""
        return ["".join(traceback.format_exception(error)) for error in self.failures]


def run_job(job, reporter, *args):
    """Runs job(*args); a failure is recorded, and the job's result is then None."""
    try:
        return job(*args)
    except Exception as error:
        reporter.record(error)
        return None

# Formats the traceback where the exception is caught, with traceback.format_exc(), and
# records only that text. Right: the text is all the Problems page needs.
import traceback


class CrashReporter:
    def __init__(self, keep=10):
        self.keep = keep
        self.failures = []

    def record(self, text):
        self.failures = [*self.failures, text][-self.keep :]

    def report(self):
        return self.failures[:]


def run_job(job, reporter, *args):
    try:
        return job(*args)
    except Exception:
        reporter.record(traceback.format_exc())
        return None

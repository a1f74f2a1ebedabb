# Keeps str(error): nothing pins the batch any more, but the Problems page loses the
# traceback (where it failed, and the exception it happened while handling). Wrong.
class CrashReporter:
    def __init__(self, keep=10):
        self.keep = keep
        self.failures = []

    def record(self, error):
        self.failures.append(f"{type(error).__name__}: {error}\n")
        del self.failures[: -self.keep]

    def report(self):
        return list(self.failures)


def run_job(job, reporter, *args):
    try:
        return job(*args)
    except Exception as error:
        reporter.record(error)
        return None

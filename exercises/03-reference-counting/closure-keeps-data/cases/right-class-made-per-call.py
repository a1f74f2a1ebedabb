# A callable object of a class defined inside make_report (a new small class per report):
# heavier than a closure, but it holds the finished line only, never the samples. Right.
def make_report(samples):
    """Return a function that describes the batch of samples in one line."""
    mean = sum(samples) / len(samples)

    class Report:
        line = f"n={len(samples)} mean={mean:.2f} max={max(samples)}"

        def __call__(self):
            return self.line

    return Report()

# Tries: replace the closure by a callable object. Wrong: the object stores the samples
# themselves on self, which keeps them alive exactly as the closure cell did.
class Report:
    def __init__(self, samples):
        self.samples = samples

    def __call__(self):
        mean = sum(self.samples) / len(self.samples)
        return f"n={len(self.samples)} mean={mean:.2f} max={max(self.samples)}"


def make_report(samples):
    """Return a function that describes the batch of samples in one line."""
    return Report(samples)

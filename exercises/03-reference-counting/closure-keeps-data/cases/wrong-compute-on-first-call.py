# Tries: compute the line on the first call and forget the samples then. Wrong: until
# report() is first called (maybe hours later), the closure still holds every sample.
def make_report(samples):
    """Return a function that describes the batch of samples in one line."""
    line = None

    def report():
        nonlocal samples, line
        if line is None:
            mean = sum(samples) / len(samples)
            line = f"n={len(samples)} mean={mean:.2f} max={max(samples)}"
            samples = None
        return line

    return report

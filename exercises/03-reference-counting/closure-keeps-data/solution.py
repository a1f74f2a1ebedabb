def make_report(samples):
    """Return a function that describes the batch of samples in one line."""
    # Do the work now, while we have the samples. The closure below only uses `line`,
    # so only that short string is kept in its cell, and the samples can be freed as
    # soon as the caller lets go of them.
    mean = sum(samples) / len(samples)
    line = f"n={len(samples)} mean={mean:.2f} max={max(samples)}"

    def report():
        return line

    return report

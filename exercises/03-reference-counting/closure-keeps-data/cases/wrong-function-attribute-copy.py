# Tries: store a copy of the samples as an attribute of the returned function instead of
# using them from a closure cell. Wrong: the function keeps the whole batch, as a copy.
def make_report(samples):
    """Return a function that describes the batch of samples in one line."""

    def report():
        data = report.data
        mean = sum(data) / len(data)
        return f"n={len(data)} mean={mean:.2f} max={max(data)}"

    report.data = tuple(samples)
    return report

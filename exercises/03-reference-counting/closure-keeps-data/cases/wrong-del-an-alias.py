# Tries: `del samples` to drop the reference. Wrong: `data` is another name for the same
# list, the closure uses it, so the list is still referenced from the closure cell.
def make_report(samples):
    """Return a function that describes the batch of samples in one line."""
    data = samples
    del samples

    def report():
        mean = sum(data) / len(data)
        return f"n={len(data)} mean={mean:.2f} max={max(data)}"

    return report

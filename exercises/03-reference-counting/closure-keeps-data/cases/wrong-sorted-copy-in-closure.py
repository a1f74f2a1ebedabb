# Tries: close over a sorted copy (max is then the last item). Wrong: the closure keeps a
# copy as large as the samples.
def make_report(samples):
    """Return a function that describes the batch of samples in one line."""
    ordered = sorted(samples)

    def report():
        mean = sum(ordered) / len(ordered)
        return f"n={len(ordered)} mean={mean:.2f} max={ordered[-1]}"

    return report

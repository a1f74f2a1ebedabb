def make_report(samples):
    """Return a function that describes the batch of samples in one line."""

    def report():
        mean = sum(samples) / len(samples)
        return f"n={len(samples)} mean={mean:.2f} max={max(samples)}"

    return report

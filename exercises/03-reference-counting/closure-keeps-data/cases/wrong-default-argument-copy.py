# Tries: keep a copy of the samples in a default argument, so the caller's list is
# freed. Wrong: the copy holds every sample just the same, for as long as report lives.
def make_report(samples):
    """Return a function that describes the batch of samples in one line."""

    def report(data=list(samples)):  # noqa: B006 (the mistake this case tries)
        mean = sum(data) / len(data)
        return f"n={len(data)} mean={mean:.2f} max={max(data)}"

    return report

# The finished line as a default argument: the function keeps one short string, and the
# samples are freed when the caller drops them. Right (a default is fine when it is small).
def make_report(samples):
    """Return a function that describes the batch of samples in one line."""
    mean = sum(samples) / len(samples)

    def report(line=f"n={len(samples)} mean={mean:.2f} max={max(samples)}"):  # noqa: B008 (computed once, on purpose)
        return line

    return report

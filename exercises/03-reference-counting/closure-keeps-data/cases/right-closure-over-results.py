# The closure uses three results computed up front (count, mean, largest), never
# `samples`, so only those three numbers live in its cells. Right.
def make_report(samples):
    """Return a function that describes the batch of samples in one line."""
    count = len(samples)
    mean = sum(samples) / count
    largest = max(samples)

    def report():
        return f"n={count} mean={mean:.2f} max={largest}"

    return report

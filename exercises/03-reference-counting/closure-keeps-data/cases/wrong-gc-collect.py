# Tries: run the cycle collector after building the report. Wrong: there is no cycle;
# the closure cell is an ordinary, live reference to the samples, and gc cannot free them.
import gc


def make_report(samples):
    """Return a function that describes the batch of samples in one line."""

    def report():
        mean = sum(samples) / len(samples)
        return f"n={len(samples)} mean={mean:.2f} max={max(samples)}"

    gc.collect()
    return report

# Tries: let the closure hold only a weak reference to the samples. Wrong: the samples are
# then freed as soon as the caller drops them, and report() has nothing left to describe.
import weakref


def make_report(samples):
    """Return a function that describes the batch of samples in one line."""
    try:
        ref = weakref.ref(samples)
    except TypeError:  # a plain list or tuple cannot be weakly referenced
        ref = lambda: samples  # noqa: E731

    def report():
        data = ref()
        mean = sum(data) / len(data)
        return f"n={len(data)} mean={mean:.2f} max={max(data)}"

    return report

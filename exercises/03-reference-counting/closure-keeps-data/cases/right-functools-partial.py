# functools.partial binds the three results (not the samples) to a module-level
# formatting function: the partial object holds three numbers only. Right.
import functools


def _describe(count, mean, largest):
    return f"n={count} mean={mean:.2f} max={largest}"


def make_report(samples):
    """Return a function that describes the batch of samples in one line."""
    return functools.partial(_describe, len(samples), sum(samples) / len(samples), max(samples))

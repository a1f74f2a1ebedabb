"""Objects the checks hand to make_report(); this file runs beside your code."""


class Samples(list):
    """A list that can be watched with a weak reference (a plain list cannot)."""

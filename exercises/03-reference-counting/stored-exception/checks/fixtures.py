"""Objects the checks hand to import_batch(); this file runs beside your code."""


class Rows(list):
    """A list that can be watched with a weak reference (a plain list cannot)."""

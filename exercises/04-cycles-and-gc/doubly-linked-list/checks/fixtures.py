"""Values the checks put in your list; this file runs beside your code."""


class Payload:
    """A value the list holds; watched to see when the list lets it go."""

    def __init__(self, number):
        self.number = number

"""Objects the checks hand to deep_size(); this file runs beside your code."""


class Box:
    def __init__(self):
        self.payload = "p" * 10_000

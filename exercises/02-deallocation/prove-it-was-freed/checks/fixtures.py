"""Objects the checks hand to your is_freed_when_dropped(); this file runs beside your code."""


class Thing:
    pass

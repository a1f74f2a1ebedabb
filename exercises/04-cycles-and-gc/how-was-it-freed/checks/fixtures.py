"""Objects the checks' factories build for your how_freed(); this file runs beside your code."""


class Thing:
    pass

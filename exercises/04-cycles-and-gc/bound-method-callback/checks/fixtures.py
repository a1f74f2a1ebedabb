"""Objects whose methods the checks register as handlers; this file runs beside your code."""


class Listener:
    def __init__(self, log, name):
        self.log = log
        self.name = name

    def ping(self):
        self.log.append(self.name)


def register_short_lived_listeners(button, count, log):
    """Register the `ping` of `count` new listeners, each dropped right after it registered."""
    for number in range(count):
        button.on_click(Listener(log, number).ping)

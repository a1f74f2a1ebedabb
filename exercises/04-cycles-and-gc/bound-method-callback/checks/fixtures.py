"""Objects whose methods the checks register as handlers; this file runs beside your code."""


class Listener:
    def __init__(self, log, name):
        self.log = log
        self.name = name

    def ping(self):
        self.log.append(self.name)

class Button:
    def __init__(self, label):
        self.label = label
        self._handlers = []

    def on_click(self, handler):
        self._handlers.append(handler)

    def click(self):
        for handler in list(self._handlers):
            handler()


class ClickCounter:
    def __init__(self):
        self.clicks = 0
        self.button = Button("+1")
        self.button.on_click(self.increment)

    def increment(self):
        self.clicks += 1

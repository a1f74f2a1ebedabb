# Tries: keep the bound method but let gc.collect() clean up after each click. Wrong: the
# counter is still in a cycle with its button; only a collection frees it.
import gc


class Button:
    def __init__(self, label):
        self.label = label
        self._handlers = []

    def on_click(self, handler):
        self._handlers.append(handler)

    def click(self):
        for handler in list(self._handlers):
            handler()
        gc.collect()


class ClickCounter:
    def __init__(self):
        self.clicks = 0
        self.button = Button("+1")
        self.button.on_click(self.increment)

    def increment(self):
        self.clicks += 1

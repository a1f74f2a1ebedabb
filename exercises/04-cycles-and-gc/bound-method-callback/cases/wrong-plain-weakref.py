# Tries: a weakref.ref to every handler. Wrong: `self.increment` makes a new bound-method
# object that nothing else keeps, so the weak reference dies at once (and so do lambdas):
# no handler ever runs.
import weakref


class Button:
    def __init__(self, label):
        self.label = label
        self._handlers = []

    def on_click(self, handler):
        self._handlers.append(weakref.ref(handler))

    def click(self):
        for ref in list(self._handlers):
            handler = ref()
            if handler is not None:
                handler()
        self._handlers = [ref for ref in self._handlers if ref() is not None]


class ClickCounter:
    def __init__(self):
        self.clicks = 0
        self.button = Button("+1")
        self.button.on_click(self.increment)

    def increment(self):
        self.clicks += 1

# Tries: WeakMethod for bound methods and a strong reference for functions, but never
# forgets a dead entry. Wrong: every listener that came and went leaves a dead WeakMethod
# in the list for as long as the button lives.
import inspect
import weakref


class Button:
    def __init__(self, label):
        self.label = label
        self._handlers = []

    def on_click(self, handler):
        if inspect.ismethod(handler):
            self._handlers.append(weakref.WeakMethod(handler))
        else:
            self._handlers.append(lambda: handler)

    def click(self):
        for get_handler in list(self._handlers):
            handler = get_handler()
            if handler is not None:
                handler()


class ClickCounter:
    def __init__(self):
        self.clicks = 0
        self.button = Button("+1")
        self.button.on_click(self.increment)

    def increment(self):
        self.clicks += 1

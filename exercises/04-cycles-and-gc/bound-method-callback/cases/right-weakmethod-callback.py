# WeakMethod entries with a callback that takes the dead entry out of the list as soon as
# its object is freed; plain functions are kept strongly. Right.
import inspect
import weakref


class Button:
    def __init__(self, label):
        self.label = label
        self._handlers = []  # callables that return the handler, or None once it is gone

    def on_click(self, handler):
        if inspect.ismethod(handler):
            handlers = self._handlers  # not self: the callback must not keep the button alive

            def forget(dead):
                if dead in handlers:
                    handlers.remove(dead)

            self._handlers.append(weakref.WeakMethod(handler, forget))
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

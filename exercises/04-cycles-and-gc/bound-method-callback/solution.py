import inspect
import weakref


class Button:
    def __init__(self, label):
        self.label = label
        # Each entry is a zero-argument callable that returns the handler, or None once
        # the handler's object is gone.
        self._handlers = []

    def on_click(self, handler):
        if inspect.ismethod(handler):
            # A bound method holds its object (`handler.__self__`). Keeping it would keep
            # that object alive; a widget that registers its own method would be in a
            # cycle with its button. WeakMethod remembers the function and refers to the
            # object weakly.
            self._handlers.append(weakref.WeakMethod(handler))
        else:
            # A plain function holds no object; a weak reference to it would make a
            # lambda die the moment on_click returns.
            self._handlers.append(lambda: handler)

    def click(self):
        # Iterate over a copy: a handler may register another handler.
        for get_handler in list(self._handlers):
            handler = get_handler()
            if handler is not None:
                handler()
        # Forget handlers whose objects are gone, so the list does not grow forever.
        self._handlers = [get for get in self._handlers if get() is not None]


class ClickCounter:
    def __init__(self):
        self.clicks = 0
        self.button = Button("+1")
        self.button.on_click(self.increment)

    def increment(self):
        self.clicks += 1

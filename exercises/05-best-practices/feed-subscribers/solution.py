"""A tiny GUI toolkit: buttons and click counters."""

import types
import weakref


class Button:
    def __init__(self, label):
        self.label = label
        # Zero-argument callables that return the handler, or None once the
        # handler's object has been freed.
        self._handlers = []

    def on_click(self, handler):
        """Call handler() every time the button is clicked, for as long as it lives.

        A bound method is held weakly: the button must not keep a listener alive
        (the listener usually refers back to the button, which would make a cycle,
        and a button can outlive every screen that listens to it). A plain function
        is held normally: nothing else may refer to a lambda, and functions
        defined in a module live as long as the module anyway.
        """
        if isinstance(handler, types.MethodType):
            self._handlers.append(weakref.WeakMethod(handler))
        else:
            self._handlers.append(lambda: handler)

    def click(self):
        for ref in list(self._handlers):
            handler = ref()
            if handler is not None:
                handler()
        # Forget the listeners that are gone, so the list does not grow forever.
        self._handlers = [ref for ref in self._handlers if ref() is not None]


class ClickCounter:
    """Counts the clicks on one button. Do not change this class."""

    def __init__(self, button):
        self.button = button
        self.clicks = 0
        button.on_click(self.increment)

    def increment(self):
        self.clicks += 1

    def caption(self):
        return f"{self.button.label}: {self.clicks} clicks"

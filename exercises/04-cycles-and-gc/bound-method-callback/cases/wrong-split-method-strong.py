# Tries: store the function and a strong reference to its object separately. Wrong: the
# (object, function) pair refers to the object exactly as the bound method did.
class Button:
    def __init__(self, label):
        self.label = label
        self._handlers = []

    def on_click(self, handler):
        owner = getattr(handler, "__self__", None)
        function = getattr(handler, "__func__", handler)
        self._handlers.append((owner, function))

    def click(self):
        for owner, function in list(self._handlers):
            if owner is None:
                function()
            else:
                function(owner)


class ClickCounter:
    def __init__(self):
        self.clicks = 0
        self.button = Button("+1")
        self.button.on_click(self.increment)

    def increment(self):
        self.clicks += 1

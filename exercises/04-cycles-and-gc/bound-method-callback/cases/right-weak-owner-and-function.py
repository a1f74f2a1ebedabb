# A weak reference to the method's object plus its plain function, called as
# function(object) while the object lives; dead pairs are dropped at each click. Right.
import weakref


class Button:
    def __init__(self, label):
        self.label = label
        self._handlers = []  # (weak ref to the object or None, function)

    def on_click(self, handler):
        owner = getattr(handler, "__self__", None)
        if owner is not None and hasattr(handler, "__func__"):
            self._handlers.append((weakref.ref(owner), handler.__func__))
        else:
            self._handlers.append((None, handler))

    def click(self):
        for owner_ref, function in list(self._handlers):
            if owner_ref is None:
                function()
            else:
                owner = owner_ref()
                if owner is not None:
                    function(owner)
        # Forget the pairs whose object is gone (a handler may have registered another).
        self._handlers = [(ref, f) for ref, f in self._handlers if ref is None or ref() is not None]


class ClickCounter:
    def __init__(self):
        self.clicks = 0
        self.button = Button("+1")
        self.button.on_click(self.increment)

    def increment(self):
        self.clicks += 1

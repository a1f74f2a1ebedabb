# Tries: a list of weakref.ref, skipping dead ones when publishing. Wrong: the dead
# references are never removed, so every ticker ever created leaves one in the list.
"""Live prices for a trading app's screens."""

import weakref


class PriceFeed:
    """One per stock exchange; lives for the whole session."""

    def __init__(self):
        self._subscribers = []

    def subscribe(self, subscriber):
        self._subscribers.append(weakref.ref(subscriber))

    def unsubscribe(self, subscriber):
        self._subscribers = [ref for ref in self._subscribers if ref() is not subscriber]

    def publish(self, symbol, price):
        for ref in list(self._subscribers):
            subscriber = ref()
            if subscriber is not None:
                subscriber.on_price(symbol, price)


class Ticker:
    """Shows the latest price of one symbol. Do not change this class."""

    def __init__(self, feed, symbol):
        self.feed = feed
        self.symbol = symbol
        self.last_price = None
        feed.subscribe(self)

    def on_price(self, symbol, price):
        if symbol == self.symbol:
            self.last_price = price

    def close(self):
        self.feed.unsubscribe(self)

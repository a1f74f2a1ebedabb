# A WeakKeyDictionary with the subscribers as keys: entries vanish when a subscriber is
# freed; pop(..., None) makes unsubscribing twice harmless. Right.
"""Live prices for a trading app's screens."""

import weakref


class PriceFeed:
    """One per stock exchange; lives for the whole session."""

    def __init__(self):
        self._subscribers = weakref.WeakKeyDictionary()

    def subscribe(self, subscriber):
        self._subscribers[subscriber] = True

    def unsubscribe(self, subscriber):
        self._subscribers.pop(subscriber, None)

    def publish(self, symbol, price):
        for subscriber in list(self._subscribers.keys()):
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

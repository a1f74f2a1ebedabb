# Tries: a WeakSet, but unsubscribe() uses remove(). Wrong: closing a ticker twice (or
# unsubscribing an object never subscribed) raises KeyError.
"""Live prices for a trading app's screens."""

import weakref


class PriceFeed:
    """One per stock exchange; lives for the whole session."""

    def __init__(self):
        self._subscribers = weakref.WeakSet()

    def subscribe(self, subscriber):
        self._subscribers.add(subscriber)

    def unsubscribe(self, subscriber):
        self._subscribers.remove(subscriber)

    def publish(self, symbol, price):
        for subscriber in list(self._subscribers):
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

"""Live prices for a trading app's screens."""

import weakref


class PriceFeed:
    """One per stock exchange; lives for the whole session."""

    def __init__(self):
        # Weak: the feed outlives its subscribers and must not keep them alive.
        # A freed ticker drops out of the set by itself, so a forgotten close()
        # is not a leak, and a ticker -> feed -> ticker loop is not a cycle.
        self._subscribers = weakref.WeakSet()

    def subscribe(self, subscriber):
        self._subscribers.add(subscriber)

    def unsubscribe(self, subscriber):
        self._subscribers.discard(subscriber)

    def publish(self, symbol, price):
        # list() takes strong references for the duration of the loop, so a
        # subscriber cannot vanish halfway through being notified.
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

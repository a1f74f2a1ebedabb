# Tries: keep the list and run the cycle collector when publishing. Wrong: the feed is
# alive and its list refers to every ticker: they are not garbage.
"""Live prices for a trading app's screens."""

import gc


class PriceFeed:
    """One per stock exchange; lives for the whole session."""

    def __init__(self):
        self._subscribers = []

    def subscribe(self, subscriber):
        self._subscribers.append(subscriber)

    def unsubscribe(self, subscriber):
        if subscriber in self._subscribers:
            self._subscribers.remove(subscriber)

    def publish(self, symbol, price):
        gc.collect()
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

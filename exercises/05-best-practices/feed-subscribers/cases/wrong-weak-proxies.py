# Tries: keep weakref.proxy objects in the list. Wrong: a proxy whose ticker was freed
# raises ReferenceError when publish() calls it, and dead proxies pile up.
"""Live prices for a trading app's screens."""

import weakref


class PriceFeed:
    """One per stock exchange; lives for the whole session."""

    def __init__(self):
        self._subscribers = []

    def subscribe(self, subscriber):
        self._subscribers.append(weakref.proxy(subscriber))

    def unsubscribe(self, subscriber):
        for proxy in list(self._subscribers):
            try:
                if proxy.symbol == subscriber.symbol and proxy.last_price == subscriber.last_price:
                    self._subscribers.remove(proxy)
            except ReferenceError:
                pass

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

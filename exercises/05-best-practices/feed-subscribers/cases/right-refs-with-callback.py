# A dict from id() to weakref.ref whose callback deletes the entry when the subscriber
# dies (only if it is still that reference). Right.
"""Live prices for a trading app's screens."""

import weakref


class PriceFeed:
    """One per stock exchange; lives for the whole session."""

    def __init__(self):
        self._subscribers = {}  # id(subscriber) -> weakref.ref(subscriber)

    def subscribe(self, subscriber):
        key = id(subscriber)
        subscribers = self._subscribers  # not self: the callback must not keep the feed alive

        def forget(ref):
            if subscribers.get(key) is ref:
                del subscribers[key]

        subscribers[key] = weakref.ref(subscriber, forget)

    def unsubscribe(self, subscriber):
        ref = self._subscribers.get(id(subscriber))
        if ref is not None and ref() is subscriber:
            del self._subscribers[id(subscriber)]

    def publish(self, symbol, price):
        for ref in list(self._subscribers.values()):
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

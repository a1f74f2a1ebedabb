import submission
from leakless import freed_by_refcount


def test_tickers_receive_their_prices():
    feed = submission.PriceFeed()
    acme = submission.Ticker(feed, "ACME")
    globex = submission.Ticker(feed, "GLBX")
    feed.publish("ACME", 10.5)
    feed.publish("GLBX", 99.0)
    feed.publish("ACME", 11.25)
    assert (acme.last_price, globex.last_price) == (11.25, 99.0)


def test_a_dropped_ticker_is_freed_while_its_feed_lives_on():
    feed = submission.PriceFeed()  # lives for the whole session
    freed_by_refcount(
        lambda: submission.Ticker(feed, "ACME"),
        msg="A `Ticker` nobody uses any more stays alive as long as its `PriceFeed`: the "
        "feed's list of subscribers still refers to it. The feed must not own its "
        "subscribers: keep them in a container that refers to them weakly.",
    )


def test_a_closed_screen_is_freed_by_reference_counting():
    freed_by_refcount(
        lambda: submission.Ticker(submission.PriceFeed(), "ACME"),
        msg="A `Ticker` and its `PriceFeed`, dropped together, are only freed by the cycle "
        "collector: the ticker refers to the feed (`self.feed`) and the feed refers back "
        "to the ticker. Make the feed's side of that loop weak.",
    )

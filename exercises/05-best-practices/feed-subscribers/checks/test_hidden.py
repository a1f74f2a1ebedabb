import gc

import submission
from leakless import freed_by_refcount, no_leak


def test_publishing_after_subscribers_were_freed():
    feed = submission.PriceFeed()
    keeper = submission.Ticker(feed, "INIT")
    for _ in range(20):
        submission.Ticker(feed, "INIT")  # created and dropped at once
    feed.publish("INIT", 3.0)
    assert keeper.last_price == 3.0


def test_unsubscribe_and_closing_twice():
    feed = submission.PriceFeed()
    ticker = submission.Ticker(feed, "ACME")
    ticker.close()
    ticker.close()  # must not raise
    feed.publish("ACME", 1.0)
    assert ticker.last_price is None, "a closed ticker must not receive prices"
    feed.unsubscribe(submission.Ticker.__new__(submission.Ticker))  # never subscribed: no error


def test_screens_opened_and_closed_all_day_do_not_accumulate():
    feed = submission.PriceFeed()
    no_leak(
        lambda: submission.Ticker(feed, "ACME"),
        types=[submission.Ticker],
        msg="every Ticker created and dropped stays in memory",
    )


def test_freed_by_refcount_with_other_live_subscribers():
    feed = submission.PriceFeed()
    survivors = [submission.Ticker(feed, symbol) for symbol in ("A", "B", "C")]
    freed_by_refcount(lambda: submission.Ticker(feed, "B"))
    gc.collect()
    feed.publish("B", 7.0)
    assert [t.last_price for t in survivors] == [None, 7.0, None]

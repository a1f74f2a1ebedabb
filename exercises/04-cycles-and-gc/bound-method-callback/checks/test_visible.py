from leakless import freed_by_refcount
from submission import ClickCounter


def test_clicks_are_counted():
    counter = ClickCounter()
    for _ in range(3):
        counter.button.click()
    assert counter.clicks == 3


def test_dropped_counter_is_freed():
    freed_by_refcount(
        ClickCounter,
        msg=(
            "A dropped `ClickCounter` is still alive: its button keeps the handler "
            "`self.increment`, and a bound method refers to its object "
            "(`counter.increment.__self__ is counter`). counter → button → handler → "
            "counter is a reference cycle."
        ),
    )

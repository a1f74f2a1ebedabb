from fixtures import Listener, register_short_lived_listeners
from leakless import assert_not_in_cycle, freed_by_refcount, in_learner, no_leak
from submission import Button, ClickCounter


def test_plain_functions_stay_registered():
    button = Button("ok")
    log = in_learner([])  # a list in your code's interpreter: the handlers append to it
    button.on_click(lambda: log.append("lambda"))

    def named():
        log.append("function")

    button.on_click(named)
    del named
    button.click()
    button.click()
    assert log == ["lambda", "function", "lambda", "function"], (
        "a plain function or lambda handler must keep working even when nothing else refers to it"
    )


def test_handlers_run_in_registration_order():
    button = Button("ok")
    log = in_learner([])  # a list in your code's interpreter: the handlers append to it
    first, second = Listener(log, "first"), Listener(log, "second")
    button.on_click(first.ping)
    button.on_click(lambda: log.append("middle"))
    button.on_click(second.ping)
    button.click()
    assert log == ["first", "middle", "second"]


def test_dead_handler_is_skipped_and_its_object_freed():
    button = Button("shared")
    log = in_learner([])  # a list in your code's interpreter: the handlers append to it

    def register_a_listener():
        listener = Listener(log, "gone")
        button.on_click(listener.ping)
        return listener

    freed_by_refcount(register_a_listener, msg="a button must not keep alive the object of a bound-method handler")
    button.click()
    assert log == [], "a handler whose object was freed should be skipped"


def test_counter_is_not_in_a_cycle():
    counter = ClickCounter()
    counter.button.click()
    assert_not_in_cycle(counter, msg="the counter can still reach itself through its button's handlers")
    assert counter.clicks == 1


def test_dead_handlers_do_not_pile_up():
    # A long-lived button and listeners that come and go, with clicks in between: the entry of
    # a listener that is gone must be forgotten (at the latest by the next click), or the
    # button's list grows by one dead entry per listener for as long as the button lives.
    button = Button("long-lived")
    log = in_learner([])  # a list in your code's interpreter: live handlers would append to it

    def listeners_come_and_go():
        register_short_lived_listeners(button, 100, log)
        button.click()

    no_leak(
        listeners_come_and_go,
        repeat=6,
        warmup=1,
        max_growth=50,
        msg="every listener that came and went leaves a dead entry in the button's handlers: "
        "forget an entry once its object is gone (a WeakMethod callback, or drop dead ones in click())",
    )
    assert log == [], "a handler whose object was freed should never be called"

from fixtures import Listener
from leakless import assert_not_in_cycle, freed_by_refcount, in_learner
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

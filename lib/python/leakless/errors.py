"""The failure type raised by every ``leakless`` assertion helper."""


class LeaklessCheckFailure(AssertionError):
    """A check helper found that the learner's code does not behave as required.

    It is an ``AssertionError``, so the harness reports it as a *failed* check
    (not an error), exactly like a failing ``assert`` in a check file.
    """


def fail(explanation, msg=None):
    """Raise ``LeaklessCheckFailure``.

    ``explanation`` is the helper's own teaching message with the evidence it
    found.  An instructor's ``msg`` comes first (it is the headline the learner
    sees) and the evidence follows, so overriding the wording never hides what
    was measured.
    """
    if msg:
        raise LeaklessCheckFailure(f"{msg}\n\nDetails: {explanation}")
    raise LeaklessCheckFailure(explanation)

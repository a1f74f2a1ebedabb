"""Text about exceptions and values that survives broken ``__str__``/``__repr__`` methods.

Learner tracebacks are not built here: the host reads them from the learner's
interpreter (only frames of the learner's files, source lines as the host
loaded them) and attaches them to the mirror exception (``_bridge``).
"""

import traceback as _traceback

LEARNER_FILE = "submission.py"

_format_exception_only = _traceback.format_exception_only


def safe_str(value, limit=2000):
    """``str(value)`` that survives a broken ``__str__`` (a learner's runs in its own interpreter)."""
    try:
        text = str(value)
    except BaseException:
        try:
            text = f"<{type(value).__name__} object (str() failed)>"
        except BaseException:
            text = "<object (str() failed)>"
    if len(text) > limit:
        text = text[:limit] + "…"
    return text


def safe_repr(value, limit=200):
    """``repr(value)`` that survives a broken ``__repr__``, truncated."""
    try:
        text = repr(value)
    except BaseException:
        try:
            text = f"<{type(value).__name__} object (repr() failed)>"
        except BaseException:
            text = "<object (repr() failed)>"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def exception_summary(exc):
    """The last line(s) of a traceback: ``ZeroDivisionError: division by zero``."""
    try:
        return "".join(_format_exception_only(type(exc), exc)).rstrip("\n")
    except BaseException:
        return f"{type(exc).__name__}: {safe_str(exc)}"

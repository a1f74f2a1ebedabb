"""Turn an exception into the result's ``traceback`` object, learner frames only.

The learner should see *their* lines (``submission.py``, line 7), not the
harness, the check library or the check file.  Source lines come from the
sources the harness registered, not from ``linecache``, which learner code
could have emptied or poisoned.
"""

import traceback as _traceback

from ._pristine import BaseException, SyntaxError, getattr, isinstance, len, repr, str, type

LEARNER_FILE = "submission.py"

_format_exception_only = _traceback.format_exception_only

# filename -> list of source lines, for every file the harness compiled.
_sources = {}


def register_source(filename, source):
    _sources[filename] = source.splitlines()


def _source_line(filename, lineno):
    lines = _sources.get(filename)
    if lines is None or lineno is None or not (1 <= lineno <= len(lines)):
        return ""
    return lines[lineno - 1].strip()


def safe_str(value, limit=2000):
    """``str(value)`` that survives a learner's broken ``__str__``."""
    try:
        text = str(value)
    except BaseException:  # a learner __str__ may raise anything, even SystemExit
        try:
            text = f"<{type(value).__name__} object (str() failed)>"
        except BaseException:
            text = "<object (str() failed)>"
    if len(text) > limit:
        text = text[:limit] + "…"
    return text


def safe_repr(value, limit=200):
    """``repr(value)`` that survives a learner's broken ``__repr__``, truncated."""
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


def exception_type_name(exc):
    try:
        return type(exc).__name__
    except BaseException:
        return "BaseException"


def learner_frames(exc):
    """``(lineno, function name)`` of each learner frame in ``exc``'s traceback, outermost first."""
    frames = []
    tb = getattr(exc, "__traceback__", None)
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == LEARNER_FILE:
            frames.append((tb.tb_lineno, code.co_name))
        tb = tb.tb_next
    return frames


def innermost_filename(exc):
    """The file of the frame where ``exc`` was raised (None if it has no traceback)."""
    tb = getattr(exc, "__traceback__", None)
    filename = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    return filename


def exception_summary(exc):
    """The last line(s) of a traceback: ``ZeroDivisionError: division by zero``."""
    try:
        return "".join(_format_exception_only(type(exc), exc)).rstrip("\n")
    except BaseException:
        return f"{exception_type_name(exc)}: {safe_str(exc)}"


def learner_traceback(exc):
    """The ``Traceback`` object of the result format (see lib/grading/result.ts)."""
    frames = learner_frames(exc)
    line = frames[-1][0] if frames else None
    if isinstance(exc, SyntaxError) and getattr(exc, "filename", None) == LEARNER_FILE:
        # A SyntaxError has no learner frame: its location is in the exception itself.
        line = getattr(exc, "lineno", None)
    parts = []
    if frames:
        parts.append("Traceback (most recent call last):\n")
        for lineno, name in frames:
            parts.append(f'  File "{LEARNER_FILE}", line {lineno}, in {name}\n')
            source = _source_line(LEARNER_FILE, lineno)
            if source:
                parts.append(f"    {source}\n")
    parts.append(exception_summary(exc) + "\n")
    return {
        "type": exception_type_name(exc),
        "message": safe_str(exc),
        "text": "".join(parts),
        "line": line,
    }

"""The judge's entry point: ``execute(request_json) -> result_json``.

Runs in the judge interpreter (lib/judge/README.md).  The learner's code runs
in the learner interpreter, reached only through ``_leakless_host``; the check
files, their outcomes and the verdict never leave this interpreter, and no
object of the learner's can stand in for one of ours (its exceptions arrive as
mirror classes; see ``_bridge``).  ``execute`` never raises: whatever happens
becomes a result in the versioned format of ``lib/grading/result.ts``.

Request::

    {"op": "run" | "check",
     "code": "<the learner's submission.py>",
     "checks": [{"name": "test_visible.py", "source": "...", "visibility": "visible"}],
     "options": {"seed": 0, "memoryReport": false}}

Output (stdout/stderr), time limits and the heap ceiling are the host's: it
captures the file descriptors, interrupts the run at its limit and tells the
harness (``_host.interrupted()``).
"""

import json as _json
import random as _random
import time as _time
import types as _types
import unittest as _unittest

import _leakless_host as _host

import leakless  # noqa: F401  (the whole check library, imported before any request)

from ._assert_rewrite import check_namespace_helpers, compile_check
from ._bridge import is_learner_exception, learner_traceback_of
from ._facades import check_builtins
from ._tracebacks import LEARNER_FILE, exception_summary, safe_str

RESULT_VERSION = 1
MAX_TESTS = 500  # the result schema's limit
MAX_MESSAGE = 4_000  # the schema allows 20 000; a teaching message should be far shorter
FIXTURES_FILE = "fixtures.py"

_SkipTest = _unittest.SkipTest
_TestCase = _unittest.TestCase
_perf_counter = _time.perf_counter
_sys_modules = __import__("sys").modules


class _Request:
    def __init__(self, raw):
        if not isinstance(raw, dict):
            raise ValueError("the request must be a JSON object")
        self.op = raw.get("op")
        if self.op not in ("run", "check"):
            raise ValueError(f"unknown op {safe_str(self.op)!r}")
        self.code = raw.get("code")
        if not isinstance(self.code, str):
            raise ValueError("code must be a string")
        self.checks = []
        for check in raw.get("checks") or []:
            if not (
                isinstance(check, dict) and isinstance(check.get("name"), str) and isinstance(check.get("source"), str)
            ):
                raise ValueError("each check needs a name and a source")
            name = check["name"]
            if not name.endswith(".py") or not name[:-3].isidentifier():
                raise ValueError(f"check file name {name!r} is not a Python module name + .py")
            visibility = check.get("visibility", "visible")
            if visibility not in ("visible", "hidden"):
                raise ValueError(f"check {name!r}: visibility must be visible or hidden")
            self.checks.append((name, check["source"], visibility))
        options = raw.get("options") or {}
        if not isinstance(options, dict):
            raise ValueError("options must be an object")
        self.seed = options.get("seed") if isinstance(options.get("seed"), int) else 0
        self.memory_report = options.get("memoryReport") is True


def _clip(text, limit=MAX_MESSAGE):
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Stopped(Exception):
    """The run ends now (a time limit, the Stop button, or learner code that tried what is not allowed)."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def _interruption():
    """Status and message when the host interrupted this run, else None."""
    reason = _host.interrupted()
    if reason == "stop":
        return "timeout", "Stopped by the Stop button."
    if reason == "timeout":
        return "timeout", "Time limit exceeded: the code was still running when the time was up."
    return None


def _tampering_message(events):
    names = ", ".join(sorted(set(events)))
    return (
        f"Your code tried to build code objects from raw bytes ({names}), which Leakless does not allow: "
        "it is how Python code corrupts memory. The checks stopped; this attempt cannot pass."
    )


def _check_tampering():
    events = _host.take_tampering()
    if events:
        raise _Stopped("error", _tampering_message(events))


def _seed(seed):
    _random.seed(seed)
    _host.learner_module("random").seed(seed)


# ---------------------------------------------------------------------------
# Learner errors, as the learner should read them
# ---------------------------------------------------------------------------


def _learner_headline(exc):
    """One line about an exception raised by the learner's code."""
    name = type(exc).__name__
    info = learner_traceback_of(exc)
    message = info["message"] if info else safe_str(exc)
    if name == "SyntaxError":
        return f"Your code has a syntax error: {name}: {message}"
    if name == "SystemExit":
        return "Your code called sys.exit(), which stops the program."
    if name == "KeyboardInterrupt":
        return "Your code raised KeyboardInterrupt."
    return f"Your code raised {name}: {message}" if message else f"Your code raised {name}"


def _sentence(text):
    return text if text.endswith((".", "!", "?")) else text + "."


def _traceback_for(exc):
    info = learner_traceback_of(exc)
    if info is None:
        return None
    return {
        "type": info["type"],
        "message": _clip(info["message"]),
        "text": _clip(info["text"], 20_000),
        "line": info["line"],
    }


# ---------------------------------------------------------------------------
# op: run
# ---------------------------------------------------------------------------


def _run(request):
    started = _perf_counter()
    status, message, traceback, memory = "ok", "The program ran to the end.", None, None
    report = None
    try:
        _seed(request.seed)
        if request.memory_report:
            report = _host.learner_module("_leakless_memory_report").start()
        try:
            _host.run_main(request.code, LEARNER_FILE)
        except BaseException as exc:
            status, message, traceback = _describe_run_exception(exc)
        if report is not None:
            memory = _memory_report(report, request.code)
        try:
            # As at CPython's exit: what the program still held is freed, and its __del__ output shows.
            _host.learner_module("_leakless_learner").end_main()
        except BaseException as exc:
            if status == "ok":
                status, message, traceback = _describe_run_exception(exc)
        _check_tampering()
    except _Stopped as stop:
        status, message = stop.status, stop.message
    result = {
        "version": RESULT_VERSION,
        "kind": "run",
        "status": status,
        "message": _clip(message),
        "traceback": traceback,
        "duration": (_perf_counter() - started) * 1000.0,
        "stdout": "",
        "stderr": "",
        "truncated": False,
    }
    if memory is not None:
        result["memory"] = memory
    return result


def _describe_run_exception(exc):
    interrupted = _interruption()
    if interrupted:
        return interrupted[0], interrupted[1], _traceback_for(exc)
    if not is_learner_exception(exc):
        return "error", f"The runner failed: {exception_summary(exc)}", None
    if type(exc).__name__ == "SystemExit":
        code = getattr(exc, "code", None)
        if code is None or code == 0:
            return "ok", "The program ended with sys.exit().", None
        return "error", f"The program ended with sys.exit({safe_str(code)}).", _traceback_for(exc)
    return "error", _learner_headline(exc), _traceback_for(exc)


def _memory_report(report, source):
    try:
        return _json.loads(report.finish(source))
    except BaseException as exc:
        return {"version": 1, "error": f"The memory report could not be made: {safe_str(exc)}"}


# ---------------------------------------------------------------------------
# op: check
# ---------------------------------------------------------------------------


class _Test:
    def __init__(self, name, visibility, run):
        self.name = name[:500]
        self.visibility = visibility
        self.run = run


def _check(request):
    started = _perf_counter()
    status, message, traceback = None, "", None
    results = []
    fixtures = None
    # Visible checks first: nothing learner code observes while hidden checks run can reach a
    # visible check's result (the learner sees those; of hidden ones only "did not pass").
    checks = sorted(((n, s, v) for n, s, v in request.checks if n != FIXTURES_FILE), key=lambda c: c[2] == "hidden")
    fixtures_source = next((s for n, s, _ in request.checks if n == FIXTURES_FILE), None)
    # Compiled (asserts rewritten) before any learner code runs.
    compiled = [_compile_check_file(name, source) for name, source, _visibility in checks]
    _host.set_judge_files([name for name, _s, _v in request.checks])
    try:
        _seed(request.seed)
        try:
            submission = _host.load(request.code, "submission", LEARNER_FILE)
        except BaseException as exc:
            interrupted = _interruption()
            traceback = _traceback_for(exc)
            if interrupted:
                status, message = interrupted[0], "Time limit exceeded while loading your code."
            elif is_learner_exception(exc):
                status = "error"
                message = (
                    _sentence(_learner_headline(exc))
                    + " It happened while your code was being loaded, so no check could run."
                )
            else:
                status, message = "crashed", f"The grader failed while loading your code: {exception_summary(exc)}"
            submission = None
        _check_tampering()
        if status is None and fixtures_source is not None:
            try:
                fixtures = _host.load(fixtures_source, "fixtures", FIXTURES_FILE)
            except BaseException as exc:
                status, message = "error", _fixtures_error(exc)
        if status is None:
            status, message = _run_checks(checks, compiled, submission, fixtures, results)
        _check_tampering()
    except _Stopped as stop:
        status, message = stop.status, stop.message
    finally:
        _sys_modules.pop("submission", None)
        _sys_modules.pop("fixtures", None)
    return {
        "version": RESULT_VERSION,
        "kind": "check",
        "status": status,
        "message": _clip(message),
        "tests": results[:MAX_TESTS],
        "traceback": traceback,
        "duration": (_perf_counter() - started) * 1000.0,
        "stdout": "",
        "stderr": "",
        "truncated": False,
    }


def _fixtures_error(exc):
    interrupted = _interruption()
    if interrupted:
        return "Time limit exceeded while loading the exercise's fixtures."
    if type(exc).__name__ == "ImportError" and "submission" in safe_str(exc):
        return f"Your code does not define a name the exercise's fixtures need: {safe_str(exc)}"
    info = learner_traceback_of(exc)
    detail = info["text"] if info else exception_summary(exc)
    return (
        "The exercise's fixtures.py could not be loaded "
        f"(a problem in the exercise, or a name your code must define): {detail}"
    )


def _compile_check_file(filename, source):
    try:
        return compile_check(source, filename)
    except BaseException as exc:
        return exc


def _run_checks(checks, compiled, submission, fixtures, results):
    tests = []
    for (filename, _source, visibility), code in zip(checks, compiled, strict=True):
        _load_check_file(filename, visibility, code, submission, fixtures, tests, results)
        _check_tampering()
    for index, test in enumerate(tests):
        started = _perf_counter()
        try:
            test.run()
            outcome, text = "passed", ""
        except BaseException as exc:
            outcome, text = _describe_test_exception(exc)
        # Interrupted, whether or not the learner's code swallowed the KeyboardInterrupt.
        interrupted = _interruption()
        if interrupted:
            results.append(_test_result(test, "timeout", f"Time limit exceeded while running {test.name}", started))
            for later in tests[index + 1 :]:
                results.append(
                    _test_result(later, "timeout", "Not run: the time limit was exceeded by an earlier check.", None)
                )
            return interrupted
        failures = _host.take_callback_failures()
        if outcome == "passed" and failures:
            # A check's own assertion failed inside a function it handed to the learner's
            # code, and that code caught it: the check still failed.
            outcome, text = "failed", safe_str(failures[0]) or "A check's assertion failed inside your code's call."
        _check_tampering()
        results.append(_test_result(test, outcome, text, started))
    if not results:
        return "failed", "No checks were found."
    not_passed = [r for r in results if r["status"] not in ("passed", "skipped")]
    if not not_passed and any(r["status"] == "passed" for r in results):
        return "passed", f"All {len(results)} checks passed."
    if not not_passed:
        return "failed", "Every check was skipped."
    return "failed", f"{len(not_passed)} of {len(results)} checks did not pass."


def _test_result(test, status, message, started):
    return {
        "name": test.name,
        "status": status,
        "message": _clip(message),
        "duration": 0.0 if started is None else max(0.0, (_perf_counter() - started) * 1000.0),
        "visibility": test.visibility,
    }


def _load_check_file(filename, visibility, code, submission, fixtures, tests, results):
    module_name = filename[:-3]
    module = _types.ModuleType(module_name)
    module.__file__ = filename
    module.__builtins__ = check_builtins()
    module.__dict__.update(check_namespace_helpers())
    _sys_modules["submission"] = submission
    if fixtures is not None:
        _sys_modules["fixtures"] = fixtures
    try:
        if isinstance(code, BaseException):
            raise code
        _sys_modules[module_name] = module
        exec(code, module.__dict__)
    except BaseException as exc:
        if _interruption():
            raise _Stopped(*_interruption()) from None
        results.append(
            _test_result(_Test(filename, visibility, None), "error", _check_file_error(filename, exc), _perf_counter())
        )
        return
    finally:
        _sys_modules.pop(module_name, None)
    for name, value in list(module.__dict__.items()):
        if name.startswith("test") and isinstance(value, _types.FunctionType) and value.__module__ == module_name:
            tests.append(_Test(f"{filename}::{name}", visibility, value))
        elif isinstance(value, type) and issubclass(value, _TestCase) and value.__module__ == module_name:
            tests.extend(_test_case_tests(filename, value, visibility))


def _check_file_error(filename, exc):
    if isinstance(exc, ImportError) and getattr(exc, "name", None) == "submission":
        text = safe_str(exc)
        missing = getattr(exc, "name_from", None) or (text.split("'")[1] if text.count("'") >= 2 else "a name")
        return f"Your code does not define `{missing}`, which the checks in {filename} need."
    if is_learner_exception(exc):
        info = learner_traceback_of(exc)
        traceback = info["text"] if info else ""
        return f"Loading {filename} ran your code, which failed: {_learner_headline(exc)}\n\n{traceback}"
    return (
        f"The check file {filename} could not be loaded "
        f"(a problem in the exercise, not in your code): {exception_summary(exc)}"
    )


def _test_case_tests(filename, cls, visibility):
    names = []
    for klass in cls.__mro__:
        if klass is _TestCase or klass is object:
            break
        for name, value in klass.__dict__.items():
            if name.startswith("test") and callable(value) and name not in names:
                names.append(name)
    state = {"set_up": False, "error": None, "remaining": len(names)}

    def make_runner(method_name):
        def run():
            try:
                if getattr(cls, "__unittest_skip__", False):
                    raise _SkipTest(getattr(cls, "__unittest_skip_why__", ""))
                if not state["set_up"]:
                    state["set_up"] = True
                    try:
                        cls.setUpClass()
                    except BaseException as exc:
                        state["error"] = exc
                if state["error"] is not None:
                    raise state["error"]
                case = cls(method_name)
                method = getattr(case, method_name)
                if getattr(method, "__unittest_skip__", False):
                    raise _SkipTest(getattr(method, "__unittest_skip_why__", ""))
                case.setUp()
                try:
                    method()
                finally:
                    try:
                        case.tearDown()
                    finally:
                        case.doCleanups()
            finally:
                state["remaining"] -= 1
                if state["remaining"] == 0 and state["set_up"] and state["error"] is None:
                    cls.tearDownClass()

        return run

    return [_Test(f"{filename}::{cls.__name__}::{name}", visibility, make_runner(name)) for name in names]


def _describe_test_exception(exc):
    if is_learner_exception(exc):
        # Raised in the learner's interpreter (a mirror): never a skip, never the check's own failure.
        info = learner_traceback_of(exc)
        if info and info["text"].startswith("Traceback"):
            return "error", f"{_learner_headline(exc)}\n\n{info['text']}".rstrip()
        # No frame of the learner's code: the check's own operation failed (an attribute the
        # learner's object lacks, an argument its function refuses).
        return "error", f"{type(exc).__name__}: {safe_str(exc)}{_check_location(exc)}"
    if isinstance(exc, _SkipTest):
        return "skipped", safe_str(exc)
    if isinstance(exc, AssertionError):
        text = safe_str(exc, limit=MAX_MESSAGE)
        return "failed", text or "The check failed (an assertion without a message)."
    return "error", f"{exception_summary(exc)}{_check_location(exc)}"


def _check_location(exc):
    """Where in a check file an error happened (e.g. the learner's function returned None)."""
    tb = getattr(exc, "__traceback__", None)
    location = ""
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".py") and "/" not in filename and filename != LEARNER_FILE:
            location = f"\n(in {filename}, line {tb.tb_lineno})"
        tb = tb.tb_next
    return location


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def _failure_result(op, message, started):
    kind = "run" if op == "run" else "check"
    result = {
        "version": RESULT_VERSION,
        "kind": kind,
        "status": "crashed",
        "message": _clip(message),
        "traceback": None,
        "duration": max(0.0, (_perf_counter() - started) * 1000.0),
        "stdout": "",
        "stderr": "",
        "truncated": False,
    }
    if kind == "check":
        result["tests"] = []
    return result


def execute(request_json):
    """Run or check learner code as described by ``request_json``; return the result as JSON. Never raises."""
    started = _perf_counter()
    op = None
    try:
        raw = _json.loads(request_json)
        op = raw.get("op") if isinstance(raw, dict) else None
        request = _Request(raw)
    except BaseException as exc:
        return _json.dumps(_failure_result(op, f"Invalid request: {safe_str(exc)}", started))
    try:
        result = _run(request) if request.op == "run" else _check(request)
    except BaseException as exc:
        interrupted = _interruption()
        if interrupted:
            result = _failure_result(request.op, interrupted[1], started)
            result["status"] = interrupted[0]
        else:
            result = _failure_result(request.op, f"The grader failed: {exception_summary(exc)}", started)
    return _json.dumps(result)

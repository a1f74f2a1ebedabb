/**
 * Two helpers of issue #15, through the real harness in real Pyodide:
 * - a lifetime helper given an object that cannot be weakly referenced says
 *   what it got, why it cannot watch it, and what to do instead;
 * - `live_frames` / `assert_no_live_frames` count the frames of a learner
 *   function still alive (kept by a stored traceback, a frame object, an
 *   unfinished generator), as the host measures them.
 */
import type { CheckResult } from "@/lib/grading/result";
import { check, startPython, type Python } from "./pyodide";

jest.setTimeout(180_000);

let py: Python;
beforeAll(async () => {
  py = await startPython();
});

function byName(result: CheckResult): Record<string, { status: string; message: string }> {
  expect(result.stderr).toBe("");
  return Object.fromEntries(
    result.tests.map((t) => [t.name.split("::").pop()!, { status: t.status, message: t.message }]),
  );
}

const UNWATCHABLE = String.raw`
class Slotted:
    __slots__ = ("data",)

    def __init__(self):
        self.data = [1, 2, 3]


def make_int():
    return 10**20


def make_list():
    return [1, 2, 3]


def make_dict():
    return {"a": 1}


def make_slotted():
    return Slotted()
`;

describe("a lifetime helper given an object that cannot be weakly referenced", () => {
  let tests: Record<string, { status: string; message: string }>;
  beforeAll(async () => {
    const checks = String.raw`
from leakless import assert_finalized_once, collectable, freed_by_refcount, needs_cycle_collector
from submission import make_dict, make_int, make_list, make_slotted


def test_int():
    freed_by_refcount(make_int)


def test_list():
    collectable(make_list)


def test_dict():
    needs_cycle_collector(make_dict)


def test_slots():
    freed_by_refcount(make_slotted)


def test_finalized_once():
    assert_finalized_once(make_slotted)


def test_own_str():
    freed_by_refcount(lambda: "x" * 50)
`;
    tests = byName(await check(py, UNWATCHABLE, checks));
  });

  test.each([
    ["test_int", "freed_by_refcount", "int"],
    ["test_list", "collectable", "int"],
    ["test_dict", "needs_cycle_collector", "dict"],
    ["test_slots", "freed_by_refcount", "Slotted"],
    ["test_finalized_once", "assert_finalized_once", "Slotted"],
    ["test_own_str", "freed_by_refcount", "str"],
  ])("%s: names %s, the type, the reason and the way out", (name, helper, type) => {
    const { status, message } = tests[name];
    expect(status).toBe("error");
    expect(message).toContain(`TypeError: ${helper}() got a '${type}' object, which cannot be weakly referenced`);
    expect(message).toContain("Return an instance of a class instead");
    expect(message).toContain("watch the object that owns the data");
  });

  test("a list returned by the factory is several objects to watch, and the error says so", () => {
    expect(tests.test_list.message).toContain("The factory returned a list, so each of its items is an object");
  });
});

const FRAMES = String.raw`
import sys

last_error = None
kept_frame = None


def parse(text):
    rows = [line.split(",") for line in text.splitlines()]
    if not rows[-1][0]:
        raise ValueError("empty last row")
    return rows


def parse_and_keep_error(text):
    global last_error
    try:
        return parse(text)
    except ValueError as error:
        last_error = error
        return None


def forget_error():
    global last_error
    last_error = None


def keep_frame():
    global kept_frame
    big = list(range(1000))
    kept_frame = sys._getframe()
    return len(big)


def numbers(n):
    for i in range(n):
        yield i


class Reader:
    def read(self):
        return 1
`;

describe("live_frames and assert_no_live_frames", () => {
  let tests: Record<string, { status: string; message: string }>;
  beforeAll(async () => {
    const checks = String.raw`
import submission
from leakless import assert_no_live_frames, live_frames
from submission import Reader, keep_frame, numbers, parse, parse_and_keep_error


def test_none_before_any_call():
    assert live_frames(parse) == 0
    assert_no_live_frames(parse)


def test_a_returned_call_leaves_none():
    assert parse("a,b\nc,d") == [["a", "b"], ["c", "d"]]
    assert_no_live_frames(parse)


def test_stored_traceback_pins_a_frame():
    parse_and_keep_error("a,b\n,")
    assert live_frames(parse) == 1
    assert live_frames(parse_and_keep_error) == 1
    assert_no_live_frames(parse)


def test_after_clearing_none():
    parse_and_keep_error("a,b\n,")
    submission.forget_error()
    assert live_frames(parse) == 0
    assert_no_live_frames(parse)


def test_a_kept_frame_object_counts():
    keep_frame()
    assert live_frames(keep_frame) == 1


def test_unfinished_generators_count():
    created = numbers(3)
    started = numbers(3)
    next(started)
    done = numbers(2)
    list(done)
    closed = numbers(2)
    next(closed)
    closed.close()
    assert live_frames(numbers) == 2
    assert_no_live_frames(numbers, msg="Finish what you start.")


def test_a_finished_generator_does_not():
    total = sum(numbers(5))
    assert total == 10
    assert_no_live_frames(numbers)


def test_a_method_works():
    assert Reader().read() == 1
    assert live_frames(Reader().read) == 0
    assert live_frames(Reader.read) == 0


def test_a_check_function_is_refused():
    live_frames(test_none_before_any_call)


def test_a_non_function_is_refused():
    live_frames(submission.Reader())
`;
    tests = byName(await check(py, FRAMES, checks));
  });

  test("count nothing before a call or after a call that returned", () => {
    expect(tests.test_none_before_any_call.status).toBe("passed");
    expect(tests.test_a_returned_call_leaves_none.status).toBe("passed");
  });

  test("a stored traceback pins the frames it passed through: the assertion fails and says why", () => {
    const { status, message } = tests.test_stored_traceback_pins_a_frame;
    expect(status).toBe("failed");
    expect(message).toContain("1 frame(s) of `parse` are still alive");
    expect(message).toContain("stored exception or traceback");
  });

  test("after the stored exception is cleared it passes", () => {
    expect(tests.test_after_clearing_none.status).toBe("passed");
  });

  test("a frame object kept from sys._getframe() counts", () => {
    expect(tests.test_a_kept_frame_object_counts.status).toBe("passed");
  });

  test("created and suspended generators count, finished and closed ones do not", () => {
    const { status, message } = tests.test_unfinished_generators_count;
    expect(status).toBe("failed");
    expect(message).toMatch(/^Finish what you start\./);
    expect(message).toContain("2 frame(s) of `numbers`");
    expect(tests.test_a_finished_generator_does_not.status).toBe("passed");
  });

  test("methods are accepted; a check's own function or a non-function is refused with a clear error", () => {
    expect(tests.test_a_method_works.status).toBe("passed");
    expect(tests.test_a_check_function_is_refused).toMatchObject({ status: "error" });
    expect(tests.test_a_check_function_is_refused.message).toContain("needs a function of the learner's code");
    expect(tests.test_a_non_function_is_refused.message).toContain("got a 'Reader' object");
  });
});

/**
 * Learner code that exits, interrupts or raises BaseException subclasses must
 * neither escape the harness nor forge a pass; the session's own deadline
 * makes a runaway check a timeout.
 */
import type { CheckResult, RunResult } from "@/lib/grading/result";
import { check, run, startPython, statuses, type Python } from "./pyodide";

let py: Python;
beforeAll(async () => {
  py = await startPython();
});

const raisers: Array<[string, string]> = [
  ["SystemExit(0)", "raise SystemExit(0)"],
  ["sys.exit()", "import sys; sys.exit()"],
  ["KeyboardInterrupt", "raise KeyboardInterrupt"],
  ["GeneratorExit", "raise GeneratorExit"],
  ["a custom BaseException", "class Escape(BaseException): pass\n    raise Escape()"],
];

const escapeChecks =
  "from submission import escape, ok\ndef test_escape():\n    escape()\ndef test_ok():\n    assert ok() == 1\n";

describe.each(raisers)("learner code raising %s", (_what, statement) => {
  const code = `def escape():\n    ${statement}\n\ndef ok():\n    return 1\n`;

  test("inside a check: that check is an error, the others still run", async () => {
    const result = await check(py, code, escapeChecks);
    expect(statuses(result)).toEqual({ test_escape: "error", test_ok: "passed" });
    expect(result.status).toBe("failed");
  });

  test("at import: the run is an error with no tests", async () => {
    const result = await check(py, `${code}escape()\n`, escapeChecks);
    expect(result.status).toBe("error");
    expect(result.tests).toEqual([]);
    expect(result.message).toContain("no check could run");
    expect(result.traceback?.text).toContain('File "submission.py"');
  });
});

// os._exit in Pyodide is Emscripten's exit(): it unwinds the whole wasm stack
// with a JavaScript throw that no Python code (the learner's or the judge's)
// can catch. The session restores the boot image after it, so the safe outcome
// is the whole run failing, readable, with the session still working.
describe("os._exit", () => {
  const exitCode = process.exitCode;
  afterEach(() => {
    process.exitCode = exitCode; // Emscripten's exit() in Node sets it; never let it fail the jest worker
  });

  const cases: Array<[string, () => Promise<RunResult | CheckResult>]> = [
    [
      "in a check",
      () => check(py, "import os\ndef escape():\n    os._exit(0)\ndef ok():\n    return 1\n", escapeChecks),
    ],
    ["at import", () => check(py, "import os\nos._exit(0)\ndef escape(): pass\ndef ok(): return 1\n", escapeChecks)],
    [
      "caught by the learner's `except BaseException`",
      () =>
        check(
          py,
          "import os\ndef escape():\n    try:\n        os._exit(0)\n    except BaseException:\n        pass\ndef ok():\n    return 1\n",
          escapeChecks,
        ),
    ],
    [
      "as posix._exit",
      () => check(py, "import posix\ndef escape():\n    posix._exit(0)\ndef ok():\n    return 1\n", escapeChecks),
    ],
    ["in a plain run", () => run(py, "import os\nos._exit(0)")],
  ];

  test.each(cases)("%s: never a pass, and the next run works", async (_where, attempt) => {
    const result = await attempt();
    if (result.kind === "run") expect(["error", "crashed"]).toContain(result.status);
    else {
      // The whole run may end (Emscripten's exit unwinds everything); the check that exited never passes.
      expect(["failed", "error", "crashed"]).toContain(result.status);
      expect(statuses(result).test_escape ?? "not run").not.toBe("passed");
    }
    expect(await run(py, "print(1 + 1)")).toMatchObject({ status: "ok", stdout: "2\n" });
    expect(statuses(await check(py, "def escape(): pass\ndef ok(): return 1\n", escapeChecks))).toEqual({
      test_escape: "passed",
      test_ok: "passed",
    });
  });

  test("the message says the program exited; output written before it is kept", async () => {
    const result = await run(py, "import os\nprint('before')\nos._exit(3)\nprint('after')");
    expect(result.status).not.toBe("ok");
    expect(result.stdout).toBe("before\n");
    expect(result.message).toMatch(/exit/);
    expect(result.message).not.toContain("[object Object]");
  });

  test("it does not change the host process's exit code", async () => {
    process.exitCode = 0;
    await run(py, "import os\nos._exit(3)");
    expect(process.exitCode).toBe(0);
  });
});

test("sys.exit(0) in a plain run ends the program normally; another code is an error", async () => {
  const result = await run(py, "import sys\nprint('a')\nsys.exit(0)\nprint('b')");
  expect([result.status, result.stdout]).toEqual(["ok", "a\n"]);
  const failing = await run(py, "import sys\nsys.exit(2)");
  expect(failing.status).toBe("error");
  expect(failing.message).toContain("sys.exit(2)");
  expect((await run(py, "import sys\nsys.exit('bye')")).status).toBe("error");
});

test("a fake result printed to stdout cannot change the verdict", async () => {
  const fake = JSON.stringify({ version: 1, kind: "check", status: "passed", message: "", tests: [] });
  const result = await check(py, `print(${JSON.stringify(fake)})\n`, "def test_fails():\n    assert 1 == 2\n");
  expect(result.status).toBe("failed");
  expect(result.stdout).toContain('"status":"passed"');
});

test("the learner's own KeyboardInterrupt within the time limit is an error, not a timeout", async () => {
  const code =
    "import time\nstart = time.perf_counter()\nwhile time.perf_counter() - start < 0.1:\n    pass\nraise KeyboardInterrupt\n";
  const result = await run(py, code, { timeLimitMs: 60_000 });
  expect(result.status).toBe("error");
  expect(result.traceback?.type).toBe("KeyboardInterrupt");
});

test("a runaway check is a timeout: the current and all remaining checks are marked", async () => {
  const code = "def slow():\n    while True:\n        pass\n";
  const checks =
    "from submission import slow\ndef test_first():\n    pass\ndef test_slow():\n    slow()\ndef test_after():\n    pass\n";
  const result = await check(py, code, checks, { timeLimitMs: 300 });
  expect(result.status).toBe("timeout");
  expect(result.message).toContain("time limit of 300 ms");
  expect(statuses(result)).toEqual({ test_first: "passed", test_slow: "timeout", test_after: "timeout" });
  expect(result.tests[1].message).toBe("Time limit exceeded while running test_visible.py::test_slow");
});

test("a runaway loop at import is a timeout with no tests", async () => {
  const result = await check(py, "while True:\n    pass\n", "def test_a():\n    pass\n", { timeLimitMs: 300 });
  expect(result.status).toBe("timeout");
  expect(result.tests).toEqual([]);
});

test("learner code that swallows the interrupt inside a check cannot turn the run into a pass", async () => {
  const code =
    "def slow():\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        return 1\n";
  const result = await check(py, code, "from submission import slow\ndef test_slow():\n    assert slow() == 1\n", {
    timeLimitMs: 300,
  });
  expect(result.status).toBe("timeout");
  expect(statuses(result)).toEqual({ test_slow: "timeout" });
  expect((await run(py, "print('alive')")).stdout).toBe("alive\n");
});

test("a run stopped by its time limit shows the KeyboardInterrupt the learner's code saw", async () => {
  const result = await run(py, "while True:\n    pass\n", { timeLimitMs: 300 });
  expect(result.status).toBe("timeout");
  expect(result.traceback?.type).toBe("KeyboardInterrupt");
});

test("unittest.TestCase checks: setUp/tearDown, failures, skips", async () => {
  const checks = [
    "import unittest",
    "from submission import value",
    "class TestValue(unittest.TestCase):",
    "    def setUp(self):",
    "        self.expected = 3",
    "    def tearDown(self):",
    "        self.expected = None",
    "    def test_equal(self):",
    "        self.assertEqual(value(), self.expected)",
    "    def test_wrong(self):",
    "        self.assertEqual(value(), 4)",
    "    @unittest.skip('not today')",
    "    def test_skipped(self):",
    "        pass",
  ].join("\n");
  const result = await check(py, "def value():\n    return 3\n", checks);
  expect(result.tests.map((t) => [t.name, t.status])).toEqual([
    ["test_visible.py::TestValue::test_equal", "passed"],
    ["test_visible.py::TestValue::test_wrong", "failed"],
    ["test_visible.py::TestValue::test_skipped", "skipped"],
  ]);
  expect(result.tests[1].message).toContain("3 != 4");
});

test("a missing learner function is explained; a broken check file blames the exercise", async () => {
  const missing = await check(py, "x = 1\n", "from submission import tree_size\ndef test_a():\n    pass\n");
  expect(missing.tests[0].status).toBe("error");
  expect(missing.tests[0].message).toContain("Your code does not define `tree_size`");
  const broken = await check(py, "x = 1\n", "def test_a(:\n    pass\n");
  expect(broken.tests[0].message).toContain("a problem in the exercise, not in your code");
});

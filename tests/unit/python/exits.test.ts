/**
 * Learner code that exits, interrupts or raises BaseException subclasses must
 * neither escape the harness nor forge a pass; the host's time-limit
 * interrupt becomes "timeout".
 */
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
  ["os._exit(0)", "import os; os._exit(0)"],
];

describe.each(raisers)("learner code raising %s", (_what, statement) => {
  const code = `def escape():\n    ${statement}\n\ndef ok():\n    return 1\n`;
  const checks = "from submission import escape, ok\ndef test_escape():\n    escape()\ndef test_ok():\n    assert ok() == 1\n";

  test("inside a check: that check is an error, the others still run", () => {
    const result = check(py, code, checks);
    expect(statuses(result)).toEqual({ test_escape: "error", test_ok: "passed" });
    expect(result.status).toBe("failed");
  });

  test("at import: the run is an error with no tests", () => {
    const result = check(py, `${code}escape()\n`, checks);
    expect(result.status).toBe("error");
    expect(result.tests).toEqual([]);
    expect(result.message).toContain("no check could run");
  });
});

test("os._exit does not kill the interpreter", () => {
  const result = run(py, "import os\nprint('before')\nos._exit(3)\nprint('after')");
  expect(result.status).toBe("error");
  expect(result.message).toContain("os._exit(3)");
  expect(result.stdout).toBe("before\n");
  expect(run(py, "print(1 + 1)").stdout).toBe("2\n");
});

test("sys.exit(0) in a plain run ends the program normally", () => {
  const result = run(py, "import sys\nprint('a')\nsys.exit(0)\nprint('b')");
  expect([result.status, result.stdout]).toEqual(["ok", "a\n"]);
  expect(run(py, "import sys\nsys.exit(2)").status).toBe("error");
});

test("a fake result printed to stdout cannot change the verdict", () => {
  const fake = JSON.stringify({ version: 1, kind: "check", status: "passed", message: "", tests: [] });
  const result = check(py, `print(${JSON.stringify(fake)})\n`, "def test_fails():\n    assert 1 == 2\n");
  expect(result.status).toBe("failed");
  expect(result.stdout).toContain('"status":"passed"');
});

// The host's interrupt arrives as a KeyboardInterrupt once the time limit is
// used up; a learner's busy-wait followed by the same exception is
// indistinguishable from it, which makes the classification testable without timers.
const busyThenInterrupt = (seconds: number) =>
  `import time\nstart = time.perf_counter()\nwhile time.perf_counter() - start < ${seconds}:\n    pass\nraise KeyboardInterrupt\n`;

test("a KeyboardInterrupt after the time limit is a timeout (run)", () => {
  expect(run(py, busyThenInterrupt(0.3), { timeLimitMs: 300 }).status).toBe("timeout");
  expect(run(py, busyThenInterrupt(0), { timeLimitMs: 60_000 }).status).toBe("error");
});

test("a timeout marks the current and all remaining checks", () => {
  const code = `def slow():\n    ${busyThenInterrupt(0.3).split("\n").join("\n    ")}\n`;
  const checks = "from submission import slow\ndef test_first():\n    pass\ndef test_slow():\n    slow()\ndef test_after():\n    pass\n";
  const result = check(py, code, checks, { timeLimitMs: 300 });
  expect(result.status).toBe("timeout");
  expect(result.message).toBe("Time limit exceeded while running test_visible.py::test_slow");
  expect(statuses(result)).toEqual({ test_first: "passed", test_slow: "timeout", test_after: "timeout" });
});

test("the real interrupt buffer stops an infinite loop and is reported as a timeout", () => {
  const buffer = new Int32Array(new SharedArrayBuffer(4));
  py.setInterruptBuffer(buffer);
  (globalThis as Record<string, unknown>).__leaklessInterrupt = buffer;
  try {
    // The learner's loop plays the host: once the limit has passed it writes
    // SIGINT into the buffer, exactly what a host's timer would do.
    const code =
      "import js, time\nstart = time.perf_counter()\nwhile True:\n    if time.perf_counter() - start > 0.3:\n        js.globalThis.__leaklessInterrupt[0] = 2\n";
    const result = run(py, code, { timeLimitMs: 300 });
    expect(result.status).toBe("timeout");
    expect(run(py, "print('alive')").stdout).toBe("alive\n");
  } finally {
    py.setInterruptBuffer(undefined as unknown as Int32Array);
    delete (globalThis as Record<string, unknown>).__leaklessInterrupt;
  }
});

test("unittest.TestCase checks: setUp/tearDown, failures, skips", () => {
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
  const result = check(py, "def value():\n    return 3\n", checks);
  expect(result.tests.map((t) => [t.name, t.status])).toEqual([
    ["test_visible.py::TestValue::test_equal", "passed"],
    ["test_visible.py::TestValue::test_wrong", "failed"],
    ["test_visible.py::TestValue::test_skipped", "skipped"],
  ]);
  expect(result.tests[1].message).toContain("3 != 4");
});

test("a missing learner function is explained; a broken check file blames the exercise", () => {
  const missing = check(py, "x = 1\n", "from submission import tree_size\ndef test_a():\n    pass\n");
  expect(missing.tests[0].status).toBe("error");
  expect(missing.tests[0].message).toContain("Your code does not define `tree_size`");
  const broken = check(py, "x = 1\n", "def test_a(:\n    pass\n");
  expect(broken.tests[0].message).toContain("a problem in the exercise, not in your code");
});

import { check, run, startPython, statuses, type Python } from "./pyodide";

let py: Python;
beforeAll(async () => {
  py = await startPython();
});

describe("op run", () => {
  test("captures stdout and reports ok", async () => {
    const result = await run(py, "print('hi')\nprint('err', file=__import__('sys').stderr)");
    expect(result.status).toBe("ok");
    expect(result.stdout).toBe("hi\n");
    expect(result.stderr).toBe("err\n");
  });

  test("a runtime error keeps only the learner's frames and line numbers", async () => {
    const result = await run(py, "def f():\n    return 1 / 0\n\nf()\n");
    expect(result.status).toBe("error");
    expect(result.traceback?.type).toBe("ZeroDivisionError");
    expect(result.traceback?.line).toBe(2);
    expect(result.traceback?.text).toContain('File "submission.py", line 4, in <module>');
    expect(result.traceback?.text).not.toContain("harness");
  });

  test("a SyntaxError is reported with its line", async () => {
    const result = await run(py, "x = 1\ndef f(:\n    pass\n");
    expect(result.status).toBe("error");
    expect(result.traceback?.type).toBe("SyntaxError");
    expect(result.traceback?.line).toBe(2);
  });
});

test("an error while the learner's code loads says so, in sentences", async () => {
  const result = await check(py, "raise ValueError('bad input')\n", "def test_a():\n    pass\n");
  expect(result.status).toBe("error");
  expect(result.message).toBe(
    "Your code raised ValueError: bad input. It happened while your code was being loaded, so no check could run.",
  );
});

describe("op check", () => {
  const code = "def add(a, b):\n    return a + b\n\ndef boom():\n    raise ValueError('bad input')\n";
  const checks = [
    "from submission import add, boom",
    "def test_passes():",
    "    assert add(1, 2) == 3",
    "def test_fails():",
    "    assert add(1, 1) == 3",
    "def test_learner_error():",
    "    boom()",
  ].join("\n");

  test("passed, failed and error statuses; overall failed", async () => {
    const result = await check(py, code, checks);
    expect(statuses(result)).toEqual({ test_passes: "passed", test_fails: "failed", test_learner_error: "error" });
    expect(result.status).toBe("failed");
    expect(result.tests[0].name).toBe("test_visible.py::test_passes");
  });

  test("assertions are rewritten to show the compared values", async () => {
    const result = await check(py, code, checks);
    expect(result.tests[1].message).toBe("assert 2 == 3\n  where 2 = add(1, 1)");
  });

  test("an error raised in learner code names the learner's line", async () => {
    const result = await check(py, code, checks);
    expect(result.tests[2].message).toContain("ValueError: bad input");
    expect(result.tests[2].message).toContain('File "submission.py", line 5, in boom');
  });

  test("all passing is passed", async () => {
    const result = await check(py, code, "from submission import add\ndef test_ok():\n    assert add(2, 2) == 4\n");
    expect(result.status).toBe("passed");
  });
});

/**
 * Learner code shares the interpreter with the checks and with later runs.
 * Whatever it patches must neither reach the checks of the same run nor the
 * next run.
 */
import { check, run, startPython, statuses, type Python } from "./pyodide";

let py: Python;
beforeAll(async () => {
  py = await startPython();
});

const cycle = "class Node:\n    pass\n\ndef make_cycle():\n    a, b = Node(), Node()\n    a.other, b.other = b, a\n    return a\n";

describe.each([
  ["gc.collect", "import gc\ngc.collect = lambda *args: 0\n", "import gc\nprint(type(gc.collect).__name__)"],
  ["builtins.len", "import builtins\nbuiltins.len = lambda x: 42\n", "print(len([1]))"],
  ["sys.getrefcount", "import sys\nsys.getrefcount = lambda o: 1\n", "import sys\nprint(sys.getrefcount.__name__)"],
  ["leakless.freed_by_refcount", "import leakless\nleakless.freed_by_refcount = lambda *a, **k: None\n", "import leakless\nprint(leakless.freed_by_refcount.__module__)"],
  [
    "the helper's code object",
    "import leakless.lifetimes as l\nl.freed_by_refcount.__code__ = (lambda *a, **k: None).__code__\n",
    "import leakless\nprint(leakless.freed_by_refcount.__code__.co_name)",
  ],
  ["sys.modules['leakless']", "import sys, types\nsys.modules['leakless'] = types.ModuleType('leakless')\n", "import leakless\nprint(hasattr(leakless, 'no_leak'))"],
  ["sys.setrecursionlimit", "import sys\nsys.setrecursionlimit(10**9)\n", "import sys\nprint(sys.getrecursionlimit() < 10**6)"],
  ["gc.disable", "import gc\ngc.disable()\n", "import gc\nprint(gc.isenabled())"],
])("learner code patching %s", (_what, patch, probe) => {
  const checks = [
    "import gc, sys",
    "from leakless import freed_by_refcount, needs_cycle_collector, refcount_delta",
    "from submission import make_cycle, Node",
    "def test_cycle_is_detected():",
    "    needs_cycle_collector(make_cycle)",
    "def test_cycle_is_not_freed_by_refcount():",
    "    freed_by_refcount(make_cycle)",
    "def test_builtins_and_sys_are_genuine():",
    "    assert len([1, 2]) == 2",
    "    assert sys.getrecursionlimit() < 10**6 and gc.isenabled()",
    "    node = Node()",
    "    assert refcount_delta(node, lambda: [node]) == 0",
  ].join("\n");

  test("does not affect the checks of the same run", () => {
    const result = check(py, cycle + patch, checks);
    expect(statuses(result)).toEqual({
      test_cycle_is_detected: "passed",
      test_cycle_is_not_freed_by_refcount: "failed",
      test_builtins_and_sys_are_genuine: "passed",
    });
  });

  test("does not affect the next run", () => {
    const before = run(py, probe).stdout;
    run(py, patch);
    expect(run(py, probe).stdout).toBe(before);
  });
});

test("a patch made by learner code during one check does not reach the next check", () => {
  const code = "import builtins\ndef sabotage():\n    builtins.len = lambda x: 0\n";
  const result = check(py, code, "from submission import sabotage\ndef test_a():\n    sabotage()\ndef test_b():\n    assert len([1]) == 1\n");
  expect(statuses(result)).toEqual({ test_a: "passed", test_b: "passed" });
});

test("globals, builtins and modules created by one run are gone in the next", () => {
  run(py, "import builtins, sys, types\nx = 5\nbuiltins.extra = 1\nsys.modules['mine'] = types.ModuleType('mine')");
  const probe = run(py, "import sys, builtins\nprint('x' in globals(), hasattr(builtins, 'extra'), 'mine' in sys.modules)");
  expect(probe.stdout).toBe("False False False\n");
});

test("a partial line never leaks into the next run's output", () => {
  expect(run(py, "print('x', end='')").stdout).toBe("x");
  expect(run(py, "print('y')").stdout).toBe("y\n");
});

test("random is seeded per request", () => {
  const draw = "import random\nprint(random.random())";
  expect(run(py, draw, { seed: 3 }).stdout).toBe(run(py, draw, { seed: 3 }).stdout);
  expect(run(py, draw, { seed: 3 }).stdout).not.toBe(run(py, draw, { seed: 4 }).stdout);
});

test("an output flood is truncated with a note", () => {
  const result = run(py, "for _ in range(100):\n    print('x' * 10**6)\n", { outputLimit: 1000 });
  expect(result.status).toBe("ok");
  expect(result.truncated).toBe(true);
  expect(result.stdout.startsWith("x".repeat(1000))).toBe(true);
  expect(result.stdout).toContain("… output truncated (limit 1000 bytes)");
  expect(result.stdout.length).toBeLessThan(1100);
});

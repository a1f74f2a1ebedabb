/**
 * The host-independent session against real Pyodide and the real `leakless`
 * harness, as the server verifier and the browser worker use it. Time limits
 * come from the session's own deadline (no watchdog thread); the interrupt
 * buffer is the page's Stop button.
 */
import { Worker } from "node:worker_threads";
import type { CheckFile } from "@/lib/grading/result";
import { readPackageFiles } from "@/lib/python/load-package";
import { createInterruptBuffer, requestInterrupt } from "@/lib/runner/interrupt";
import type { LoadStage } from "@/lib/runner/protocol";
import { createPythonSession, type PythonSession } from "@/lib/runner/session";
import { loadPyodide, MB } from "./pyodide-node";

const MEMORY_LIMIT = 192 * MB;
const TIME_LIMIT_MS = 500;
/** Generous: the interpreter polls for interrupts every few thousand bytecodes. */
const GRACE_MS = 3000;

let session: PythonSession;
let interruptBuffer: Int32Array;
const stages: LoadStage[] = [];

beforeAll(async () => {
  interruptBuffer = createInterruptBuffer()!;
  session = await createPythonSession({
    loadPyodide,
    packageFiles: readPackageFiles(),
    memoryLimitBytes: MEMORY_LIMIT,
    interruptBuffer,
    onProgress: (stage) => stages.push(stage),
  });
});

/**
 * Presses Stop from another thread after `ms` (the main thread is busy in
 * Python, as a worker is while the page's button is pressed). The values are
 * those requestInterrupt writes, copied by the thread in the same order.
 */
function pressStopAfter(ms: number): Promise<number> {
  const pressed = new Int32Array(2);
  requestInterrupt(pressed, "stop");
  const thread = new Worker(
    `const { workerData: { buffer, pressed, ms } } = require("node:worker_threads");
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
     Atomics.store(buffer, 1, pressed[1]);
     Atomics.store(buffer, 0, pressed[0]);`,
    { eval: true, workerData: { buffer: interruptBuffer, pressed: Array.from(pressed), ms } },
  );
  return new Promise((resolve) => thread.on("exit", resolve));
}

const visible = (name: string, source: string): CheckFile => ({ name, source, visibility: "visible" });

test("start-up reports its stages in order", () => {
  expect(stages).toEqual(["instantiate", "stdlib", "package", "ready"]);
  expect(session.interruptible).toBe(true);
  expect(session.pyodideVersion).toBe("314.0.7");
});

test("run: output and status come back through the harness", async () => {
  const result = await session.run("print('hello')\nx = [1, 2, 3]", { timeLimitMs: TIME_LIMIT_MS });
  expect(result).toMatchObject({ kind: "run", status: "ok", stdout: "hello\n", truncated: false });
});

test("run: a learner exception is an error result, not a thrown error", async () => {
  const result = await session.run("def f():\n    raise ValueError('nope')\nf()", { timeLimitMs: TIME_LIMIT_MS });
  expect(result.status).toBe("error");
  expect(result.traceback?.type).toBe("ValueError");
  expect(session.needsRecycle()).toBe(false);
});

test("check: passing and failing checks round-trip", async () => {
  const checks = [
    visible(
      "test_visible.py",
      "from submission import double\n\ndef test_double():\n    assert double(2) == 4\n\ndef test_negative():\n    assert double(-1) == -2\n",
    ),
  ];
  const passed = await session.check("def double(x):\n    return 2 * x\n", checks, { timeLimitMs: 5000 });
  expect(passed.status).toBe("passed");
  expect(passed.tests.map((t) => t.status)).toEqual(["passed", "passed"]);

  const failed = await session.check("def double(x):\n    return x + 2\n", checks, { timeLimitMs: 5000 });
  expect(failed.status).toBe("failed");
  expect(failed.tests.map((t) => t.status)).toEqual(["passed", "failed"]);
});

test("fd-level writes (os.write) are captured next to print output", async () => {
  const result = await session.run(
    "import os\nprint('via print')\nos.write(1, b'via fd 1\\n')\nos.write(2, b'via fd 2\\n')",
    {
      timeLimitMs: TIME_LIMIT_MS,
    },
  );
  expect(result.stdout).toContain("via print\n");
  expect(result.stdout).toContain("via fd 1\n");
  expect(result.stderr).toContain("via fd 2\n");
});

test("a stdout flood is capped at the output limit, through print and through the fd", async () => {
  const outputLimit = 10_000;
  for (const code of ["while True:\n    print('x' * 1000)", "import os\nwhile True:\n    os.write(1, b'y' * 1000)"]) {
    const result = await session.run(code, { timeLimitMs: TIME_LIMIT_MS, outputLimit });
    expect(result.status).toBe("timeout");
    expect(result.truncated).toBe(true);
    // The limit, plus the one-line "… output truncated" notice.
    expect(Buffer.byteLength(result.stdout) + Buffer.byteLength(result.stderr)).toBeLessThanOrEqual(outputLimit + 100);
    expect(result.stdout).toMatch(/output truncated/);
  }
});

test("an infinite loop ends as a timeout within the limit, and the session stays usable", async () => {
  const started = Date.now();
  const result = await session.run("while True:\n    pass", { timeLimitMs: TIME_LIMIT_MS });
  expect(result.status).toBe("timeout");
  expect(result.message).toMatch(/time limit/);
  expect(Date.now() - started).toBeLessThan(TIME_LIMIT_MS + GRACE_MS);
  expect((await session.run("print(1 + 1)", { timeLimitMs: TIME_LIMIT_MS })).stdout).toBe("2\n");
});

test("an infinite loop inside a check is a timeout of the check run", async () => {
  const checks = [visible("test_visible.py", "from submission import spin\n\ndef test_spin():\n    spin()\n")];
  const result = await session.check("def spin():\n    while True:\n        pass\n", checks, {
    timeLimitMs: TIME_LIMIT_MS,
  });
  expect(result.status).toBe("timeout");
});

test("a swallowed interrupt still makes the run a timeout", async () => {
  const code = [
    "swallowed = 0",
    "while swallowed < 1:",
    "    try:",
    "        while True: pass",
    "    except KeyboardInterrupt:",
    "        swallowed += 1",
    "print('survived')",
  ].join("\n");
  const result = await session.run(code, { timeLimitMs: TIME_LIMIT_MS });
  expect(result.status).toBe("timeout");
  expect(result.stdout).toBe("survived\n");
});

test("code that swallows every interrupt is abandoned: a timeout, and the session stays usable", async () => {
  // Without the abandonment this never returns (nothing else can stop it in this thread).
  const code = "while True:\n    try:\n        while True: pass\n    except KeyboardInterrupt:\n        pass\n";
  const result = await session.run(code, { timeLimitMs: TIME_LIMIT_MS });
  expect(result).toMatchObject({ status: "timeout", message: expect.stringContaining("time limit") });
  expect(await session.run("print('next')")).toMatchObject({ status: "ok", stdout: "next\n" });
});

test("the Stop button stops code that swallows every interrupt too", async () => {
  const exited = pressStopAfter(300);
  const code = "while True:\n    try:\n        while True: pass\n    except KeyboardInterrupt:\n        pass\n";
  const result = await session.run(code, { timeLimitMs: 120_000 });
  await exited;
  expect(result).toMatchObject({ status: "timeout", message: "Stopped by the Stop button." });
});

test("the Stop button stops an infinite loop long before its time limit; the session stays usable", async () => {
  const exited = pressStopAfter(300);
  const started = Date.now();
  const result = await session.run("while True:\n    pass", { timeLimitMs: 60_000 });
  expect(result).toMatchObject({ status: "timeout", message: "Stopped by the Stop button." });
  expect(Date.now() - started).toBeLessThan(300 + GRACE_MS);
  await exited;
  expect((await session.run("print('alive')", { timeLimitMs: TIME_LIMIT_MS })).stdout).toBe("alive\n");
});

test("a Stop pressed after a run finished does not stop the next run", async () => {
  requestInterrupt(interruptBuffer, "stop");
  const result = await session.run("total = 0\nfor i in range(200_000):\n    total += i\nprint(total)", {
    timeLimitMs: 5000,
  });
  expect(result).toMatchObject({ status: "ok", stdout: `${(200_000 * 199_999) / 2}\n` });
});

describe("memory bombs", () => {
  test.each([
    // Strings, not lists: gc-tracked lists make each collection slower as the bomb grows (seconds of CPU).
    ["a growing list", "x = []\nwhile True:\n    x.append(' ' * 100_000)"],
    ["a string doubling loop", "s = 'a'\nwhile True:\n    s = s + s"],
    ["one allocation past the limit", "b = bytearray(300 * 1024 * 1024)"],
    ["[0] * 10**9", "[0] * 10**9"],
  ])("%s ends as MemoryError, and the next run works", async (_label, code) => {
    const result = await session.run(code, { timeLimitMs: 20_000 });
    expect(result.status).toBe("error");
    expect(result.traceback?.type).toBe("MemoryError");
    expect(session.heapBytes()).toBeLessThanOrEqual(MEMORY_LIMIT);
    const next = await session.run("b = bytearray(32 * 1024 * 1024)\nprint(len(b))", { timeLimitMs: 5000 });
    expect(next).toMatchObject({ status: "ok", stdout: `${32 * MB}\n` });
  });

  test("a bomb inside a check is that check's MemoryError; the other checks still run", async () => {
    const checks = [
      visible(
        "test_visible.py",
        "from submission import bomb, ok\n\ndef test_bomb():\n    bomb()\n\ndef test_ok():\n    assert ok() == 1\n",
      ),
    ];
    const code =
      "def bomb():\n    x = []\n    while True:\n        x.append(' ' * 100_000)\n\ndef ok():\n    return 1\n";
    const result = await session.check(code, checks, { timeLimitMs: 20_000 });
    expect(result.tests.map((t) => [t.name, t.status])).toEqual([
      ["test_visible.py::test_bomb", "error"],
      ["test_visible.py::test_ok", "passed"],
    ]);
    expect(result.tests[0].message).toContain("MemoryError");
  });

  test.each([
    [
      "caught",
      "try:\n    x = []\n    while True:\n        x.append(' ' * 100_000)\nexcept MemoryError:\n    x = None\n",
    ],
    // CPython 3.14 can leave a broken string behind here (a TypeError, not a MemoryError).
    [
      "mangled",
      "def bomb():\n    s = 'a'\n    while True:\n        s = s + s\ntry:\n    bomb()\nexcept BaseException:\n    pass\n",
    ],
  ])("a run that ran out of memory can never pass, even when the error was %s", async (_how, bomb) => {
    const checks = [visible("test_visible.py", "from submission import ok\n\ndef test_ok():\n    assert ok() == 1\n")];
    const code = `${bomb}\ndef ok():\n    return 1\n`;
    const checked = await session.check(code, checks, { timeLimitMs: 20_000 });
    expect(checked.status).toBe("error");
    expect(checked.message).toContain("ran out of memory");
    const ran = await session.run(code, { timeLimitMs: 20_000 });
    expect([ran.status, ran.message]).toEqual(["error", expect.stringContaining("ran out of memory")]);
    expect((await session.check("def ok():\n    return 1\n", checks)).status).toBe("passed");
  });

  test("after a bomb the heap stays large, so the session asks to be recycled", () => {
    expect(session.heapBytes()).toBeGreaterThan(MEMORY_LIMIT * 0.75);
    expect(session.needsRecycle()).toBe(true);
    expect(session.recycleReason()).toMatch(/heap grew/);
  });
});

/**
 * The verifier pool end to end: real bubblewrap (when installed), real
 * Pyodide, the real `leakless` harness. Learner-caused failures must come back
 * as CheckResults, and the pool must stay healthy afterwards.
 */
import type { CheckFile } from "@/lib/grading/result";
import { createVerifierPool, verifyOnce, type VerifierPool } from "@/lib/verifier/pool";
import { killBusyProcess } from "./kill-busy";

const TIME_LIMIT_MS = 3_000;
const GRACE_MS = 2_000;

const CHECKS: CheckFile[] = [
  {
    name: "test_visible.py",
    visibility: "visible",
    source: "from submission import add\n\ndef test_adds():\n    assert add(2, 3) == 5, 'add(2, 3) should be 5'\n",
  },
  {
    name: "test_hidden.py",
    visibility: "hidden",
    source: "from submission import add\n\ndef test_adds_negatives():\n    assert add(-2, -3) == -5\n",
  },
];
const CORRECT = "def add(a, b):\n    return a + b\n";
const WRONG = "def add(a, b):\n    return a - b\n";

let pool: VerifierPool;

beforeAll(async () => {
  pool = createVerifierPool({ size: 2, timeLimitMs: TIME_LIMIT_MS, graceMs: GRACE_MS, log: () => {} });
  await pool.warmedUp();
}, 180_000);

afterAll(async () => {
  await pool?.close();
});

async function expectHealthy(): Promise<void> {
  const result = await pool.verify({ code: CORRECT, checks: CHECKS });
  expect(result.status).toBe("passed");
}

test("a correct submission passes every check, visible and hidden", async () => {
  const result = await pool.verify({ code: CORRECT, checks: CHECKS });
  expect(result.status).toBe("passed");
  expect(result.tests.map((t) => [t.name, t.status, t.visibility])).toEqual([
    ["test_visible.py::test_adds", "passed", "visible"],
    ["test_hidden.py::test_adds_negatives", "passed", "hidden"],
  ]);
});

test("a wrong submission fails with the check's message", async () => {
  const result = await pool.verify({ code: WRONG, checks: CHECKS });
  expect(result.status).toBe("failed");
  const visible = result.tests.find((t) => t.name === "test_visible.py::test_adds");
  expect(visible?.status).toBe("failed");
  expect(visible?.message).toContain("add(2, 3) should be 5");
});

test.each([
  [
    "a plain infinite loop",
    "while True:\n    pass\n",
    "Stopped: the code was still running after the time limit of 1000 ms.",
  ],
  [
    "a loop that swallows every KeyboardInterrupt (abandoned by its process)",
    "while True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass\n",
    "Stopped: the code was still running after the time limit of 1000 ms.",
  ],
  // In C the interpreter never checks for the interrupt: the pool kills the process.
  ["code stuck in one C call", "sum(range(10**15))\n", "Time limit exceeded (1000 ms)"],
])(
  "%s is stopped at the time limit, and the next verification is correct",
  async (_label, code, message) => {
    const started = performance.now();
    const result = await pool.verify({ code, checks: CHECKS, timeLimitMs: 1_000 });
    const elapsed = performance.now() - started;
    expect(result.status).toBe("timeout");
    expect(result.message).toBe(message);
    // Generous bound: the job's own limit + grace, plus waiting for a warm process.
    expect(elapsed).toBeLessThan(1_000 + GRACE_MS + 60_000);
    await expectHealthy();
  },
  120_000,
);

test.each([
  ["one huge allocation", "data = bytearray(2_000_000_000)\n"],
  ["a growing list of blocks", "blocks = []\nwhile True:\n    blocks.append(bytearray(50_000_000))\n"],
])(
  "a Python memory bomb (%s) is a MemoryError result, and the next verification is correct",
  async (_label, code) => {
    // Filling 512 MB takes seconds on a busy machine: give it room so the limit under test is memory, not time.
    const result = await pool.verify({ code, checks: CHECKS, timeLimitMs: 60_000 });
    expect(result.status).toBe("error");
    expect(result.traceback?.type).toBe("MemoryError");
    await expectHealthy();
  },
  180_000,
);

test("an exercise's own memory limit applies to its job only, below the pool's", async () => {
  // 96 MB fits the pool's 512 MB but not an exercise that allows 64 MB.
  const code = "data = bytearray(96 * 1024 * 1024)\n" + CORRECT;
  const tight = await pool.verify({ code, checks: CHECKS, memoryLimitBytes: 64 * 1024 * 1024 });
  expect(tight.status).toBe("error");
  expect(tight.traceback?.type).toBe("MemoryError");
  const roomy = await pool.verify({ code, checks: CHECKS, memoryLimitBytes: 256 * 1024 * 1024 });
  expect(roomy.status).toBe("passed");
}, 180_000);

test("a process that dies mid-verification is reported as crashed", async () => {
  // A job that runs until killed: the test kills its process (and the retry's), as the OOM killer would.
  const single = createVerifierPool({ size: 1, timeLimitMs: 60_000, graceMs: GRACE_MS, log: () => {} });
  try {
    await single.warmedUp();
    const verdict = single.verify({ code: "while True:\n    pass\n", checks: CHECKS });
    await killBusyProcess(single, 2);
    const result = await verdict;
    expect(result.status).toBe("crashed");
    expect(result.message).toMatch(/exit code \d+|killed by SIG/);
    expect((await single.verify({ code: CORRECT, checks: CHECKS })).status).toBe("passed");
  } finally {
    await single.close();
  }
}, 240_000);

test("a burst larger than the pool waits in the queue and every job gets its own answer", async () => {
  const jobs = [CORRECT, WRONG, CORRECT, WRONG, CORRECT].map((code) => pool.verify({ code, checks: CHECKS }));
  const statuses = (await Promise.all(jobs)).map((r) => r.status);
  expect(statuses).toEqual(["passed", "failed", "passed", "failed", "passed"]);
  const stats = pool.stats();
  expect(stats.size).toBe(2);
  expect(stats.queued).toBe(0);
}, 180_000);

test("every verification gets a fresh interpreter: state left by one learner is gone for the next", async () => {
  const polluter =
    "import builtins, sys\nbuiltins.LEFTOVER = 'from the previous learner'\n" +
    "sys.modules['leftover'] = sys\nopen('/tmp/leftover.txt', 'w').write('x')\n" +
    CORRECT;
  // Twice per process of the pool, so that the probe follows a polluter on whichever it lands.
  for (let i = 0; i < 4; i++) await pool.verify({ code: polluter, checks: CHECKS });
  const probe =
    "import builtins, os, sys\nprint('py', getattr(builtins, 'LEFTOVER', None), 'leftover' in sys.modules, " +
    "os.path.exists('/tmp/leftover.txt'))\n" +
    CORRECT;
  const result = await pool.verify({ code: probe, checks: CHECKS });
  expect(result.stdout).toContain("py None False False");
}, 120_000);

test("verifyOnce runs one verification in a pool of its own", async () => {
  const result = await verifyOnce({ code: WRONG, checks: CHECKS }, { timeLimitMs: TIME_LIMIT_MS, log: () => {} });
  expect(result.status).toBe("failed");
}, 120_000);

test("malformed check files are the caller's bug: verify rejects instead of reporting a verdict", async () => {
  const bad = [{ name: "not a module name.py", source: "", visibility: "visible" }] as CheckFile[];
  await expect(pool.verify({ code: CORRECT, checks: bad })).rejects.toThrow("invalid check files");
});

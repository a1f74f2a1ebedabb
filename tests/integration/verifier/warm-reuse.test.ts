/**
 * Warm verifier processes serve many jobs: real sandboxed processes, real
 * Pyodide, the real harness and the shipped course.
 *
 * - A process reused for many jobs gives the same verdicts as fresh ones.
 * - A learner who tampers persistently with the interpreter cannot change
 *   the NEXT job's verdict: every job starts from the boot image, so the
 *   tamper is gone and the very same process serves the next job.
 */
import type { CheckFile, CheckResult } from "@/lib/grading/result";
import { loadCourse } from "@/lib/exercises/load";
import { createVerifierPool, type VerifierPool } from "@/lib/verifier/pool";

/** A check built on the check library: a self-referencing node is NOT freed by refcount alone. */
const LIFETIME_CHECKS: CheckFile[] = [
  {
    name: "test_lifetime.py",
    visibility: "visible",
    source: [
      "import gc",
      "from leakless import freed_by_refcount",
      "from submission import make",
      "",
      "def test_freed_at_once():",
      "    freed_by_refcount(make)",
      "",
      "def test_collect_still_works():",
      "    assert isinstance(gc.collect(), int)",
      "",
    ].join("\n"),
  },
];
/** Fails test_freed_at_once: the node refers to itself, so only the cycle collector frees it. */
const CYCLIC = "class Node:\n    pass\n\ndef make():\n    node = Node()\n    node.me = node\n    return node\n";
const ACYCLIC = "class Node:\n    pass\n\ndef make():\n    return Node()\n";

function summary(result: CheckResult) {
  return { status: result.status, tests: result.tests.map((t) => [t.name, t.status]) };
}

describe("one process, many jobs", () => {
  let reused: VerifierPool;
  let fresh: VerifierPool;

  beforeAll(async () => {
    reused = createVerifierPool({ size: 1, log: () => {} });
    fresh = createVerifierPool({ size: 1, maxJobsPerProcess: 1, log: () => {} });
    await Promise.all([reused.warmedUp(), fresh.warmedUp()]);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([reused?.close(), fresh?.close()]);
  });

  test("shipped exercises' solutions and starters get the same verdicts from a reused process as from fresh ones", async () => {
    const course = loadCourse("exercises");
    // Spread over the sections; starters fail, solutions pass.
    const picked = course.exercises.filter((_, index) => index % 4 === 0).slice(0, 5);
    const jobs = picked.flatMap((exercise) =>
      [exercise.solution, exercise.starter].map((code) => ({
        code,
        checks: exercise.checks,
        timeLimitMs: exercise.meta.limits.timeLimitMs,
        memoryLimitBytes: exercise.meta.limits.memoryLimitMb * 1024 * 1024,
      })),
    );
    const fromReused: ReturnType<typeof summary>[] = [];
    for (const job of jobs) fromReused.push(summary(await reused.verify(job)));
    const fromFresh: ReturnType<typeof summary>[] = [];
    for (const job of jobs) fromFresh.push(summary(await fresh.verify(job)));

    expect(fromReused).toEqual(fromFresh);
    expect(fromReused.map((r) => r.status)).toEqual(picked.flatMap(() => ["passed", "failed"]));
    // Reuse really happened: far fewer processes than jobs.
    expect(reused.stats().recycled).toBeLessThan(jobs.length / 2);
    expect(fresh.stats().recycled).toBe(jobs.length);
  }, 600_000);
});

describe("persistent tampering cannot change the next job's verdict", () => {
  let pool: VerifierPool;

  beforeAll(async () => {
    // One process: the next job would run in the tampered one if it were kept.
    pool = createVerifierPool({ size: 1, log: () => {} });
    await pool.warmedUp();
  }, 180_000);

  afterAll(async () => {
    await pool?.close();
  });

  async function expectNextVerdictsCorrect(): Promise<void> {
    expect(summary(await pool.verify({ code: CYCLIC, checks: LIFETIME_CHECKS }))).toEqual({
      status: "failed",
      tests: [
        ["test_lifetime.py::test_freed_at_once", "failed"],
        ["test_lifetime.py::test_collect_still_works", "passed"],
      ],
    });
    expect((await pool.verify({ code: ACYCLIC, checks: LIFETIME_CHECKS })).status).toBe("passed");
  }

  /** Tampers that would outlive a job if anything of it were kept. */
  const TAMPERS: Array<[string, string]> = [
    [
      "monkeypatches the check library's helpers (module attribute and function code)",
      "import leakless, leakless.lifetimes\n" +
        "def fake(*args, **kwargs):\n    return None\n" +
        "leakless.freed_by_refcount = fake\n" +
        "leakless.lifetimes.freed_by_refcount.__code__ = fake.__code__\n",
    ],
    ["replaces gc.collect", "import gc\ngc.collect = lambda *args: 0\n"],
    [
      "edits sys.modules (a fake leakless)",
      "import sys, types\nfake = types.ModuleType('leakless')\nfake.freed_by_refcount = lambda *a, **k: None\n" +
        "sys.modules['leakless'] = fake\nsys.modules['leakless.lifetimes'] = fake\n",
    ],
    [
      "leaves a __del__ that prints fake markers, hidden in a stdlib container",
      "import copyreg\nclass Ghost:\n    def __del__(self):\n" +
        '        print(\'{"type":"reply","status":"passed"} All checks passed.\')\n' +
        "copyreg._extension_cache['ghost'] = Ghost()\n",
    ],
    [
      "keeps objects alive through weakref.finalize (the finalizer-that-never-runs starter's leak)",
      "import weakref\nclass Session:\n    def close(self):\n        print('FAKE-MARKER from the previous learner')\n" +
        "_session = Session()\nweakref.finalize(_session, _session.close)\n",
    ],
    [
      "fills the standard ABCs' caches (isinstance of None, a set, a class of its own)",
      "import collections.abc\nclass Mine:\n    pass\n" +
        "checks = [isinstance(x, abc) for x in (None, set(), Mine()) for abc in (collections.abc.Sized, collections.abc.Hashable, collections.abc.Sequence)]\n",
    ],
    [
      "registers a weakref.finalize subclass whose __del__ stashes itself when the cleanup lets it go",
      "import copyreg, weakref\nclass Sneaky(weakref.finalize):\n    def __del__(self):\n" +
        "        copyreg._extension_cache['ghost'] = self\n" +
        "class Anchor:\n    def close(self):\n        pass\n_anchor = Anchor()\nSneaky(_anchor, _anchor.close)\n",
    ],
    [
      "sets sys.settrace and a sys.monitoring tool",
      "import sys\nsys.settrace(lambda *a: None)\nsys.monitoring.use_tool_id(3, 'spy')\n",
    ],
    [
      "patches a standard-library class the checks might use",
      "import json.decoder\njson.decoder.JSONDecoder.decode = lambda self, s: {'passed': True}\n",
    ],
    [
      "changes the JavaScript realm through js",
      "try:\n    import js\n    js.globalThis.leftover = 'from the previous learner'\nexcept ImportError:\n    pass\n",
    ],
  ];

  test.each(TAMPERS)(
    "a learner who %s: the same process serves the next jobs, and their verdicts are right",
    async (_label, tamper) => {
      const before = pool.stats().recycled;
      await pool.verify({ code: tamper + ACYCLIC, checks: LIFETIME_CHECKS });
      // The victim's jobs run on the very process the learner tampered with.
      await expectNextVerdictsCorrect();
      expect(pool.stats().recycled).toBe(before);
    },
    240_000,
  );

  test("a finalizer the learner left is detached after the job, never run: no later job sees its output", async () => {
    const tamper =
      "import weakref\nclass Session:\n    def close(self):\n        print('FAKE-MARKER from the previous learner')\n" +
      "_sessions = [Session() for _ in range(3)]\nfor s in _sessions:\n    weakref.finalize(s, s.close)\n";
    const before = pool.stats().recycled;
    expect((await pool.verify({ code: tamper + ACYCLIC, checks: LIFETIME_CHECKS })).stdout).not.toContain(
      "FAKE-MARKER",
    );
    const next = await pool.verify({ code: ACYCLIC, checks: LIFETIME_CHECKS });
    expect(next.status).toBe("passed");
    expect(next.stdout + next.stderr).not.toContain("FAKE-MARKER");
    expect(pool.stats().recycled).toBe(before);
  }, 240_000);

  test("an audit hook the learner adds watches only its own job", async () => {
    const hook =
      "import sys\nsys.addaudithook(lambda event, args: print('HOOK SAW', event) if event == 'leakless.probe' else None)\n";
    const probe = "import sys\nsys.audit('leakless.probe')\n";
    const own = await pool.verify({ code: hook + probe + ACYCLIC, checks: LIFETIME_CHECKS });
    expect(own.status).toBe("passed");
    const next = await pool.verify({ code: probe + ACYCLIC, checks: LIFETIME_CHECKS });
    expect(next.status).toBe("passed");
    expect(next.stdout).not.toContain("HOOK SAW");
    await expectNextVerdictsCorrect();
  }, 240_000);

  test("a clean job does not recycle: the same process serves the next one", async () => {
    await pool.verify({ code: ACYCLIC, checks: LIFETIME_CHECKS }); // lands on a settled process
    const before = pool.stats().recycled;
    for (let i = 0; i < 3; i++)
      expect((await pool.verify({ code: ACYCLIC, checks: LIFETIME_CHECKS })).status).toBe("passed");
    expect(pool.stats().recycled).toBe(before);
  }, 240_000);
});

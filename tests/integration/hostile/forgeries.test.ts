/**
 * The red-team table (`tests/fixtures/hostile/forgeries.ts`) against the real
 * server verifier: a sandboxed pool of one process, so every job follows the
 * previous one on the same process, as a busy server's jobs do.
 *
 * - Forgeries (a shipped starter plus attack code) must not be "passed", nor
 *   pass the checks they aim at; the exercise's correct solution, submitted
 *   right after on the same process, must still pass (nothing poisoned).
 * - Theft: one learner's job leaves a secret behind; the next job (another
 *   learner) looks everywhere and must find nothing.
 * - Leaks: what a learner is shown (`redactForLearner`) never contains text
 *   that only a hidden check has, not even over several submissions.
 * - Honest code in ordinary variations is judged "passed" (a wrong verdict on
 *   a correct solution is a bug of the same weight).
 * - A few forgeries go once through the real submission path (submitSolution,
 *   the durable queue, a test database): the stored verdict is not PASSED.
 *
 * Limits are each exercise's own (exercise.yaml). A test that fails here is a
 * hole; see the fixture for what each attack tries.
 */
import { syncCourse } from "@/lib/exercises/sync";
import { redactForLearner, type CheckFile, type CheckResult } from "@/lib/grading/result";
import { createJobRunner, type JobRunner } from "@/lib/jobs/runner";
import { submitSolution } from "@/lib/submissions/submit-solution";
import { createVerifierPool, type VerifierPool } from "@/lib/verifier/pool";
import type { SessionUser } from "@/lib/auth/session";
import {
  EXERCISE_KEYS,
  FORGERIES,
  HIDDEN_STRINGS,
  HONEST,
  LEAKS,
  ORACLE,
  POISON,
  THEFTS,
  exercise,
  type ExerciseKey,
  type Forgery,
} from "../../fixtures/hostile/forgeries";
import { testDb } from "../../setup/db";

/** Time after a job's limit before the pool kills its process (as in server-attacks.test.ts). */
const GRACE_MS = 2_000;
/** A crash costs two boots (the pool retries once on a new process), a few seconds each on 2 cores. */
const TEST_TIMEOUT_MS = 180_000;

function newPool(): VerifierPool {
  // Crash and retry warnings are expected here (some attacks end their process); the results say what happened.
  return createVerifierPool({ size: 1, graceMs: GRACE_MS, log: () => {} });
}

function verifyOn(pool: VerifierPool, key: ExerciseKey, code: string, extraChecks: CheckFile[] = []) {
  const ex = exercise(key);
  return pool.verify({
    code,
    checks: [...ex.checks, ...extraChecks],
    timeLimitMs: ex.timeLimitMs,
    memoryLimitBytes: ex.memoryLimitBytes,
  });
}

/** What a failing assertion should show: the verdict and each check's outcome. */
function summary(result: CheckResult) {
  return {
    status: result.status,
    message: result.message.slice(0, 300),
    traceback: result.traceback?.message.slice(0, 200) ?? null,
    tests: result.tests.map((t) => `${t.status} ${t.name}${t.message ? `: ${t.message.slice(0, 160)}` : ""}`),
  };
}

// ====================================================================== one pool for forgeries, leaks, submissions

let pool: VerifierPool;

beforeAll(async () => {
  pool = newPool();
  await pool.warmedUp();
}, TEST_TIMEOUT_MS);

afterAll(async () => {
  await pool?.close();
});

const verify = (key: ExerciseKey, code: string, extraChecks?: CheckFile[]) => verifyOn(pool, key, code, extraChecks);

async function expectForgeryRefused(forgery: Forgery) {
  const result = await verify(forgery.exercise, forgery.code, forgery.extraChecks);
  const seen = { attack: forgery.id, tries: forgery.tries, ...summary(result) };
  expect(seen).not.toMatchObject({ status: "passed" });
  if (forgery.expectStatus) expect(seen).toMatchObject({ status: forgery.expectStatus });
  for (const target of forgery.targets ?? []) {
    const outcome = result.tests.find((t) => t.name === target);
    // A fooled measurement is a hole even when another check still catches the starter.
    expect({ attack: forgery.id, target, status: outcome?.status ?? "missing", seen }).not.toMatchObject({
      status: "passed",
    });
  }
}

async function expectSolutionStillPasses(key: ExerciseKey) {
  const next = await verify(key, exercise(key).solution);
  expect({ exercise: key, ...summary(next) }).toMatchObject({ status: "passed" });
}

describe.each(EXERCISE_KEYS.map((key) => [key]))("forgeries on %s", (key) => {
  for (const forgery of FORGERIES.filter((f) => f.exercise === key)) {
    test(
      `${forgery.id} [${forgery.family}]${forgery.slow ? " (slow: hard stop)" : ""}`,
      async () => {
        await expectForgeryRefused(forgery);
        await expectSolutionStillPasses(key);
      },
      TEST_TIMEOUT_MS,
    );
  }
});

// ====================================================================== honest code

describe("honest submissions are judged right", () => {
  for (const honest of HONEST) {
    test(
      `${honest.id}: ${honest.title}`,
      async () => {
        const outcomes = [];
        for (let run = 0; run < honest.runs; run++) outcomes.push(summary(await verify(honest.exercise, honest.code)));
        expect({ honest: honest.id, outcomes }).toMatchObject({
          outcomes: outcomes.map(() => expect.objectContaining({ status: "passed" })),
        });
      },
      TEST_TIMEOUT_MS,
    );
  }
});

// ====================================================================== leaks of hidden checks

describe("hidden checks stay hidden", () => {
  for (const leak of LEAKS) {
    test(
      `${leak.id} on ${leak.exercise}`,
      async () => {
        const result = await verify(leak.exercise, leak.code);
        const shown = JSON.stringify(redactForLearner(result));
        const found = (HIDDEN_STRINGS[leak.exercise] ?? []).filter((text) => shown.includes(text));
        expect({ leak: leak.id, tries: leak.tries, found, shown: shown.slice(0, 2000) }).toMatchObject({ found: [] });
        // The attempt did run (its code reached the checks, or raised at import as planned).
        expect(result.tests.length > 0 || result.traceback !== null).toBe(true);
      },
      TEST_TIMEOUT_MS,
    );
  }

  test(
    "no hidden check's name can be read off which hidden checks pass, over several submissions",
    async () => {
      // Learner code sees repr(callback) of a hidden check's upload function and fails hidden
      // checks on purpose to encode bits of its name; the learner reads the bits back from the
      // redacted results (the statuses of "hidden check" entries, in order).
      let bits = "";
      for (let offset = 0; offset < ORACLE.length * 8; offset += ORACLE.bitsPerRun) {
        const shown = redactForLearner(await verify(ORACLE.exercise, ORACLE.code(offset)));
        const hidden = shown.tests.filter((t) => t.visibility === "hidden").slice(0, ORACLE.bitsPerRun);
        bits += hidden.map((t) => (t.status === "passed" ? "0" : "1")).join("");
      }
      const bytes = bits.slice(0, ORACLE.length * 8).match(/.{8}/g) ?? [];
      const decoded = bytes.map((byte) => String.fromCharCode(parseInt(byte, 2))).join("");
      const secret = ORACLE.hiddenName.slice(ORACLE.start, ORACLE.start + ORACLE.length);
      expect({ decoded, bits }).not.toMatchObject({ decoded: secret });
    },
    TEST_TIMEOUT_MS,
  );
});

// ====================================================================== the real submission path

describe("forgeries through submitSolution and the verification queue", () => {
  const db = testDb();
  let queue: JobRunner;
  let users = 0;
  const SUBMITTED = [
    "frame-locals-status",
    "fake-output-markers",
    "os-exit-in-call",
    "guess-by-callback-name",
    "release-scratch-full",
  ];

  beforeAll(async () => {
    await syncCourse(db, "exercises");
    queue = createJobRunner(db, { pool, concurrency: 1, log: () => {} });
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await queue?.close();
    await db.$disconnect();
  });

  async function newLearner(): Promise<SessionUser> {
    users += 1;
    const u = await db.user.create({
      data: { email: `forger-${users}@example.com`, name: `Forger ${users}`, role: "LEARNER" },
    });
    return { id: u.id, email: u.email, name: u.name, role: u.role };
  }

  async function submitAndWait(user: SessionUser, exerciseId: string, code: string) {
    const dto = await submitSolution(db, user, exerciseId, { code }, queue);
    await queue.drained();
    return db.submission.findUniqueOrThrow({ where: { id: dto.id } });
  }

  for (const id of SUBMITTED) {
    test(
      `${id}: the stored verdict is not PASSED`,
      async () => {
        const forgery = FORGERIES.find((f) => f.id === id)!;
        const ex = exercise(forgery.exercise);
        const learner = await newLearner();
        const row = await submitAndWait(learner, ex.id, forgery.code);
        const result = row.result as CheckResult | null;
        expect({
          attack: id,
          state: row.state,
          verdict: row.verdict,
          ...(result ? summary(result) : {}),
        }).toMatchObject({ state: "DONE" });
        expect({ attack: id, verdict: row.verdict }).not.toMatchObject({ verdict: "PASSED" });
        // The same learner's correct solution is then verified PASSED: nothing stuck, nothing poisoned.
        const next = await submitAndWait(learner, ex.id, ex.solution);
        expect({ state: next.state, verdict: next.verdict }).toEqual({ state: "DONE", verdict: "PASSED" });
      },
      TEST_TIMEOUT_MS,
    );
  }
});

// ====================================================================== theft between jobs (a pool of its own)

describe("nothing of one job reaches the next (theft)", () => {
  // Its own process: theft attempts change files, and the forgeries above must run on a clean one.
  let theftPool: VerifierPool;

  beforeAll(async () => {
    theftPool = newPool();
    await theftPool.warmedUp();
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await theftPool?.close();
  });

  const SD: ExerciseKey = "01-allocation/shared-default-argument";

  for (const theft of THEFTS) {
    test(
      `${theft.id}: ${theft.title}`,
      async () => {
        const results: CheckResult[] = [];
        for (const job of theft.jobs) results.push(await verifyOn(theftPool, SD, job));
        const last = results[results.length - 1];
        const found = last.stdout.match(/FOUND .*/g) ?? [];
        expect({ theft: theft.id, probe: last.stdout.includes("PROBE DONE"), ...summary(last) }).toMatchObject({
          probe: true,
          status: "passed",
        });
        expect({ theft: theft.id, found }).not.toMatchObject({
          found: expect.arrayContaining([expect.stringContaining(theft.secret)]),
        });
        expect(last.stdout).not.toContain(theft.secret);
        expect(JSON.stringify(redactForLearner(last))).not.toContain(theft.secret);
        // Every job but the first is a correct solution (plus probing): each must pass.
        for (const [index, result] of results.slice(1).entries()) {
          expect({ theft: theft.id, job: index + 2, ...summary(result) }).toMatchObject({ status: "passed" });
        }
      },
      TEST_TIMEOUT_MS,
    );
  }

  test(
    `${POISON.id}: ${POISON.title}`,
    async () => {
      await verifyOn(theftPool, SD, POISON.attacker);
      const victim = await verifyOn(theftPool, SD, POISON.victim);
      expect({ poison: POISON.id, ...summary(victim) }).toMatchObject({ status: "passed" });
    },
    TEST_TIMEOUT_MS,
  );
});

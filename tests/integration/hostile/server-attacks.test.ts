/**
 * The hostile-code table (`tests/fixtures/hostile/attacks.ts`) through the
 * real submission path on the server: submitSolution stores the code, the
 * durable verification queue hands it to a real sandboxed verifier pool
 * (bubblewrap when installed, Node's permission model, Pyodide), and the
 * stored result is what is asserted. After every attack the same learner's
 * NEXT submission, the correct solution, must be verified PASSED: an attack
 * must not leave a poisoned process, a stuck queue or a wrong verdict behind.
 *
 * Limits: the shipped exercise is synced from `exercises/`, then set to a
 * short time limit and a small heap (well inside what the exercise format
 * allows) so loops and bombs end quickly; bounds are derived from that limit.
 */
import { syncCourse } from "@/lib/exercises/sync";
import type { CheckResult } from "@/lib/grading/result";
import { createJobRunner, type JobRunner } from "@/lib/jobs/runner";
import { submitSolution } from "@/lib/submissions/submit-solution";
import { getSubmission } from "@/lib/submissions/get-submission";
import { createVerifierPool, type VerifierPool } from "@/lib/verifier/pool";
import type { SessionUser } from "@/lib/auth/session";
import { ATTACKS, EXERCISE_ID, SOLUTION, wallBoundMs, type Attack, type Outcome } from "../../fixtures/hostile/attacks";
import { testDb } from "../../setup/db";

const db = testDb();
/** The server's run limits for this file: the exercise row's limit and the pool's grace. */
const LIMITS = { timeLimitMs: 1_500, graceMs: 2_000 };
const MEMORY_LIMIT_MB = 96;

let pool: VerifierPool;
let queue: JobRunner;
let users = 0;

beforeAll(async () => {
  await syncCourse(db, "exercises");
  await db.exercise.update({
    where: { id: EXERCISE_ID },
    data: { timeLimitMs: LIMITS.timeLimitMs, memoryLimitMb: MEMORY_LIMIT_MB },
  });
  pool = createVerifierPool({ size: 2, graceMs: LIMITS.graceMs, log: () => {} });
  await pool.warmedUp();
  queue = createJobRunner(db, { pool, concurrency: 2, log: () => {} });
}, 180_000);

afterAll(async () => {
  await queue?.close();
  await pool?.close();
  await db.$disconnect();
});

/** A learner of its own per attack, so submission rate limits never mix attacks. */
async function newLearner(): Promise<SessionUser> {
  users += 1;
  const u = await db.user.create({
    data: { email: `hostile-server-${users}@example.com`, name: `Attacker ${users}`, role: "LEARNER" },
  });
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

/** Submit, wait for the queue, return the stored row's verdict and full (unredacted) result. */
async function submitAndVerify(user: SessionUser, code: string) {
  const started = performance.now();
  const dto = await submitSolution(db, user, EXERCISE_ID, { code }, queue);
  await queue.drained();
  const elapsedMs = performance.now() - started;
  const row = await db.submission.findUniqueOrThrow({ where: { id: dto.id } });
  return { id: dto.id, row, result: row.result as CheckResult | null, elapsedMs };
}

function expectOutcome(result: CheckResult | null, elapsedMs: number, outcome: Outcome) {
  expect(result).not.toBeNull();
  const r = result!;
  // Status first, with the context a failure needs to be understood in the report.
  const summary = {
    status: r.status,
    message: r.message,
    traceback: r.traceback?.type ?? null,
    stdout: r.stdout.slice(0, 400),
  };
  expect(summary).toMatchObject({ status: outcome.status });
  if (outcome.message !== undefined) expect(r.message).toContain(outcome.message);
  if (outcome.tracebackType !== undefined) expect(r.traceback?.type).toBe(outcome.tracebackType);
  if (outcome.testMessage !== undefined)
    expect(r.tests.map((t) => t.message).join("\n")).toContain(outcome.testMessage);
  for (const fragment of outcome.stdoutIncludes ?? []) expect(r.stdout).toContain(fragment);
  for (const fragment of outcome.stdoutExcludes ?? []) expect(r.stdout).not.toContain(fragment);
  if (outcome.truncated !== undefined) expect(r.truncated).toBe(outcome.truncated);
  if (outcome.boundedByLimit) {
    // The session's own stop, or the pool's hard stop for code stuck in C.
    expect(r.message).toMatch(/time limit/i);
    expect(r.message).toContain(`${LIMITS.timeLimitMs} ms`);
    expect(elapsedMs).toBeLessThan(wallBoundMs(LIMITS));
  }
}

/** The stored verdict of each kind of end (prisma's Verdict). */
const VERDICT_OF: Record<CheckResult["status"], string> = {
  passed: "PASSED",
  failed: "FAILED",
  error: "ERROR",
  timeout: "TIMEOUT",
  crashed: "CRASHED",
};

async function runAttack(attack: Attack) {
  const outcome = attack.expect.server!;
  const learner = await newLearner();
  const attempt = await submitAndVerify(learner, attack.code);
  expect(attempt.row.state).toBe("DONE");
  expectOutcome(attempt.result, attempt.elapsedMs, outcome);
  expect(attempt.row.verdict).toBe(VERDICT_OF[outcome.status]);
  // A forged pass never counts, on the stored verdict either.
  if (attack.group === "forgery") expect(attempt.row.verdict).not.toBe("PASSED");

  // The learner sees a clear reason, never another learner's or a hidden check's details.
  const seen = await getSubmission(db, learner, attempt.id);
  expect(seen.result?.stdout ?? "").toBe("");

  // The platform is healthy: the same learner's next (correct) submission passes.
  const next = await submitAndVerify(learner, SOLUTION);
  expect(next.row).toMatchObject({ state: "DONE", verdict: "PASSED" });
  expect(next.result?.tests.every((t) => t.status === "passed")).toBe(true);
  expect(next.result?.tests.length).toBeGreaterThanOrEqual(4);
  const progress = await db.progress.findUniqueOrThrow({
    where: { userId_exerciseId: { userId: learner.id, exerciseId: EXERCISE_ID } },
  });
  expect(progress.state).toBe("PASSED");
}

const serverAttacks = ATTACKS.filter((a) => a.expect.server);

describe.each(["time", "memory", "output", "forgery", "escape"] as const)("%s attacks", (group) => {
  const inGroup = serverAttacks.filter((a) => a.group === group);
  for (const attack of inGroup.filter((a) => !a.slow)) {
    test(`${attack.id}: ${attack.title}`, () => runAttack(attack), 180_000);
  }
  // The slow ones (a 100 MB print flood) get a budget of their own; they still run in CI.
  for (const attack of inGroup.filter((a) => a.slow)) {
    test(`[slow] ${attack.id}: ${attack.title}`, () => runAttack(attack), 300_000);
  }
});

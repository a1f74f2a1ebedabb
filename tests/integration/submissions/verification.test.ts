/**
 * Submissions verified by the real server verifier (sandboxed Pyodide, one
 * small pool for the file) on the real database: the server's verdict is the
 * one stored, the browser's claim never counts, progress is recomputed (never
 * double counted), a dead worker's submissions are taken over once its lease
 * runs out, and a failing verifier ends in ERRORED with a message, after one retry.
 */
import { createVerifierPool, type VerifierPool } from "@/lib/verifier/pool";
import { createJobRunner, type JobOutcome, type JobRunner } from "@/lib/jobs/runner";
import { enqueueJobs, submissionJob } from "@/lib/jobs/enqueue";
import { submitSolution } from "@/lib/submissions/submit-solution";
import { getSubmission } from "@/lib/submissions/get-submission";
import { VERIFICATION_FAILED_MESSAGE, verifySubmission } from "@/lib/submissions/verify-submission";
import { testDb } from "../../setup/db";
import { createExercise, createUser, HIDDEN_MARKER, SOLUTION, STARTER, VISIBLE_ONLY } from "./support";

const db = testDb();
let pool: VerifierPool;
let queue: JobRunner;
const outcomes: Array<[string, JobOutcome]> = [];

beforeAll(async () => {
  pool = createVerifierPool({ size: 2, graceMs: 2_000, log: () => {} });
  await pool.warmedUp();
  queue = createJobRunner(db, {
    pool,
    concurrency: 2,
    log: () => {},
    onOutcome: (job, o) => outcomes.push([job.subjectId, o]),
  });
}, 180_000);

afterAll(async () => {
  await queue?.close();
  await pool?.close();
  await db.$disconnect();
});

function progressOf(userId: string, exerciseId: string) {
  return db.progress.findUnique({ where: { userId_exerciseId: { userId, exerciseId } } });
}

test("the code is stored before verification; the solution then PASSES on the server with every check recorded", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  // No nudge, and the runner does not poll: what the database holds before any verification starts.
  const dto = await submitSolution(db, user, exerciseId, { code: SOLUTION, clientVerdict: "PASSED" }, { nudge() {} });
  const stored = await db.submission.findUniqueOrThrow({ where: { id: dto.id } });
  expect(stored).toMatchObject({ code: SOLUTION, state: "QUEUED", verdict: null });
  expect(await db.job.findUniqueOrThrow({ where: { key: `submission:${dto.id}` } })).toMatchObject({
    kind: "VERIFY_SUBMISSION",
    state: "QUEUED",
    leaseOwner: null,
  });

  await queue.drained();
  const done = await getSubmission(db, user, dto.id);
  expect(done).toMatchObject({
    state: "DONE",
    verdict: "PASSED",
    clientVerdict: "PASSED",
    verdictDiffers: false,
    explanation: null,
  });
  expect(done.result?.status).toBe("passed");
  const row = await db.submission.findUniqueOrThrow({ where: { id: dto.id }, include: { checks: true } });
  expect(row.attempts).toBe(1);
  expect(row.verifiedAt).not.toBeNull();
  expect(row.durationMs).toBeGreaterThan(0);
  expect(row.checks.map((c) => [c.name, c.status, c.visibility]).sort()).toEqual([
    ["test_hidden.py::test_double_negative", "passed", "hidden"],
    ["test_visible.py::test_double_three", "passed", "visible"],
  ]);
  expect(await progressOf(user.id, exerciseId)).toMatchObject({
    state: "PASSED",
    attempts: 1,
    lastSubmissionId: dto.id,
  });
  expect((await progressOf(user.id, exerciseId))?.firstPassedAt).toEqual(row.verifiedAt);
}, 120_000);

test("the starter FAILS, and progress says ATTEMPTED", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const dto = await submitSolution(db, user, exerciseId, { code: STARTER }, queue);
  await queue.drained();
  const done = await getSubmission(db, user, dto.id);
  expect(done).toMatchObject({ state: "DONE", verdict: "FAILED", clientVerdict: null, verdictDiffers: false });
  const visible = done.result?.tests.find((t) => t.name === "test_visible.py::test_double_three");
  expect(visible).toMatchObject({ status: "failed" });
  expect(visible?.message).toContain("double(3) should be 6");
  expect(await progressOf(user.id, exerciseId)).toMatchObject({ state: "ATTEMPTED", attempts: 1, firstPassedAt: null });
}, 120_000);

test("a forged PASSED from the browser is stored as the client's claim; the server's FAILED counts, hidden details redacted", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const dto = await submitSolution(db, user, exerciseId, { code: VISIBLE_ONLY, clientVerdict: "PASSED" }, queue);
  await queue.drained();
  const row = await db.submission.findUniqueOrThrow({ where: { id: dto.id } });
  expect(row).toMatchObject({ clientVerdict: "PASSED", verdict: "FAILED", state: "DONE" });
  // The stored result keeps the hidden check's real message (for instructors)...
  expect(JSON.stringify(row.result)).toContain(HIDDEN_MARKER);

  const seen = await getSubmission(db, user, dto.id);
  expect(seen).toMatchObject({ verdict: "FAILED", clientVerdict: "PASSED", verdictDiffers: true });
  expect(seen.explanation).toMatch(/hidden check failed on the server/);
  // ...the learner's DTO does not.
  expect(JSON.stringify(seen)).not.toContain(HIDDEN_MARKER);
  expect(JSON.stringify(seen)).not.toContain("test_double_negative");
  expect(seen.result?.tests).toContainEqual(
    expect.objectContaining({ name: "hidden check", status: "failed", visibility: "hidden" }),
  );
  const progress = await progressOf(user.id, exerciseId);
  expect(progress).toMatchObject({ state: "ATTEMPTED", attempts: 1, firstPassedAt: null });
}, 120_000);

test("an endless loop is a TIMEOUT verdict at the exercise's limit, stored like any verdict", async () => {
  const exerciseId = await createExercise(db, { timeLimitMs: 1_000 });
  const user = await createUser(db);
  const dto = await submitSolution(
    db,
    user,
    exerciseId,
    { code: "while True:\n    pass\n", clientVerdict: "PASSED" },
    queue,
  );
  await queue.drained();
  const seen = await getSubmission(db, user, dto.id);
  expect(seen).toMatchObject({ state: "DONE", verdict: "TIMEOUT", verdictDiffers: true });
  expect(seen.explanation).toMatch(/time limit/);
  expect(await progressOf(user.id, exerciseId)).toMatchObject({ state: "ATTEMPTED", attempts: 1 });
}, 120_000);

test("two submissions at once (double click, two tabs) give attempts = 2, and a pass stays a pass", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const [a, b] = await Promise.all([
    submitSolution(db, user, exerciseId, { code: SOLUTION }, queue),
    submitSolution(db, user, exerciseId, { code: SOLUTION }, queue),
  ]);
  expect(a.id).not.toBe(b.id);
  await queue.drained();
  // Its job queued again (a stray) finds the submission settled and must not count it twice.
  await db.job.update({ where: { key: `submission:${a.id}` }, data: { state: "QUEUED" } });
  await queue.drained();
  const progress = await progressOf(user.id, exerciseId);
  expect(progress).toMatchObject({ state: "PASSED", attempts: 2 });
  const attempts = await db.submission.findMany({
    where: { userId: user.id },
    select: { attempts: true, verdict: true },
  });
  expect(attempts).toEqual([
    { attempts: 1, verdict: "PASSED" },
    { attempts: 1, verdict: "PASSED" },
  ]);
  expect(await db.checkOutcome.count({ where: { submissionId: { in: [a.id, b.id] } } })).toBe(4);

  // A later failing submission does not undo the pass, and counts once.
  await submitSolution(db, user, exerciseId, { code: STARTER }, queue);
  await queue.drained();
  expect(await progressOf(user.id, exerciseId)).toMatchObject({ state: "PASSED", attempts: 3 });
}, 180_000);

test("a dead worker's submissions are taken over once its leases run out; one cut off twice ends ERRORED", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  const base = { userId: user.id, exerciseId, exerciseHash: "old" };
  // What a killed server leaves behind: one never started, one cut off mid-run,
  // one cut off mid-run on its retry as well.
  const queued = await db.submission.create({ data: { ...base, code: SOLUTION, state: "QUEUED" } });
  const running = await db.submission.create({ data: { ...base, code: STARTER, state: "RUNNING", attempts: 1 } });
  const cutTwice = await db.submission.create({ data: { ...base, code: SOLUTION, state: "RUNNING", attempts: 2 } });
  const finished = await db.submission.create({
    data: { ...base, code: SOLUTION, state: "DONE", verdict: "FAILED", attempts: 1 },
  });

  await db.$transaction((tx) =>
    enqueueJobs(
      tx,
      [queued, running, cutTwice].map((s) => submissionJob(s.id)),
    ),
  );
  // The two cut off mid-run are held by a worker that died: leases that ran out a second ago.
  await db.job.updateMany({
    where: { subjectId: { in: [running.id, cutTwice.id] } },
    data: { state: "RUNNING", leaseOwner: "dead-worker", leaseUntil: new Date(Date.now() - 1000), attempts: 1 },
  });

  // Another worker.
  const other = createJobRunner(db, { pool, concurrency: 2, log: () => {} });
  await other.drained();
  await other.close();

  const rows = await db.submission.findMany({
    where: { id: { in: [queued.id, running.id, cutTwice.id, finished.id] } },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  expect(byId.get(queued.id)).toMatchObject({
    state: "DONE",
    verdict: "PASSED",
    attempts: 1,
    exerciseHash: `hash-${exerciseId}`,
  });
  expect(byId.get(running.id)).toMatchObject({ state: "DONE", verdict: "FAILED", attempts: 2 });
  expect(byId.get(cutTwice.id)).toMatchObject({
    state: "ERRORED",
    verdict: null,
    errorMessage: VERIFICATION_FAILED_MESSAGE,
  });
  // Finished work is never redone.
  expect(byId.get(finished.id)).toMatchObject({ state: "DONE", verdict: "FAILED", attempts: 1 });
  expect((await getSubmission(db, user, cutTwice.id)).errorMessage).toBe(VERIFICATION_FAILED_MESSAGE);
  // Progress from DONE submissions only: finished (FAILED), queued (PASSED), running (FAILED).
  expect(await progressOf(user.id, exerciseId)).toMatchObject({ state: "PASSED", attempts: 3 });
}, 180_000);

test("when the verifier pool itself fails, the submission is retried once, then ERRORED with a message; nothing is lost", async () => {
  const exerciseId = await createExercise(db);
  const user = await createUser(db);
  // A real pool that has been closed rejects every job: the pool failing, not the learner's code.
  const broken = createVerifierPool({ size: 1, log: () => {} });
  await broken.close();
  const seen: JobOutcome["kind"][] = [];
  const brokenQueue = createJobRunner(db, {
    pool: broken,
    concurrency: 1,
    log: () => {},
    onOutcome: (_job, o) => seen.push(o.kind),
  });
  const dto = await submitSolution(db, user, exerciseId, { code: SOLUTION, clientVerdict: "PASSED" }, brokenQueue);
  await brokenQueue.drained();
  await brokenQueue.close();
  expect(seen).toEqual(["retry", "errored"]);
  const row = await db.submission.findUniqueOrThrow({ where: { id: dto.id } });
  expect(row).toMatchObject({ state: "ERRORED", attempts: 2, verdict: null, code: SOLUTION });
  expect(await getSubmission(db, user, dto.id)).toMatchObject({
    state: "ERRORED",
    errorMessage: VERIFICATION_FAILED_MESSAGE,
    verdictDiffers: false,
  });
  // An errored submission is not an attempt.
  expect((await progressOf(user.id, exerciseId))?.attempts ?? 0).toBe(0);
}, 60_000);

test("every verification this file ran ended as a verdict or a deliberate outcome, never a database error", () => {
  expect(outcomes.length).toBeGreaterThan(0);
  for (const [, outcome] of outcomes) expect(outcome.kind).toBe("done");
});

describe("a claimed job whose submission cannot be claimed", () => {
  async function queuedWithJob(owner: string) {
    const exerciseId = await createExercise(db);
    const user = await createUser(db);
    const dto = await submitSolution(db, user, exerciseId, { code: SOLUTION }, { nudge() {} });
    const job = await db.job.update({
      where: { key: `submission:${dto.id}` },
      data: { state: "RUNNING", leaseOwner: owner, leaseUntil: new Date(Date.now() + 60_000) },
    });
    return { id: dto.id, jobId: job.id };
  }

  test("already settled: nothing runs, the try is not counted, the job is finished", async () => {
    const { id, jobId } = await queuedWithJob("this-worker");
    await db.submission.update({ where: { id }, data: { state: "DONE", verdict: "FAILED" } });
    expect(await verifySubmission(db, pool, id, { jobId, owner: "this-worker" })).toEqual({ kind: "skipped" });
    expect(await db.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({
      state: "DONE",
      verdict: "FAILED",
      attempts: 0,
    });
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ state: "DONE", leaseOwner: null });
  });

  test("its lease held by another worker: nothing runs, nothing is written", async () => {
    const { id, jobId } = await queuedWithJob("another-worker");
    expect(await verifySubmission(db, pool, id, { jobId, owner: "this-worker" })).toEqual({ kind: "lost" });
    expect(await db.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "QUEUED", attempts: 0 });
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({
      state: "RUNNING",
      leaseOwner: "another-worker",
    });
    await db.job.update({ where: { id: jobId }, data: { state: "DONE", leaseOwner: null, leaseUntil: null } });
  });
});

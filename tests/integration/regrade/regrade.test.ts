/**
 * Regrades on the real database with the real server verifier (one sandboxed
 * process; four verifications in all, they are slow): only the latest
 * submission of each learner in the instructor's scope is re-verified, in
 * place; changed verdicts are recorded old → new; a grade override survives;
 * an item held by a worker that died is taken over once its lease runs out;
 * other instructors and learners are refused.
 */
import { createVerifierPool, type VerifierPool } from "@/lib/verifier/pool";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { joinCohort } from "@/lib/cohorts/join-cohort";
import { recomputeProgress } from "@/lib/progress/recompute-progress";
import { overrideGrade } from "@/lib/review/override-grade";
import { startRegrade } from "@/lib/regrade/start-regrade";
import { createJobRunner } from "@/lib/jobs/runner";
import { claimJobs } from "@/lib/db/job-queue-sql";
import { getRegradeJob } from "@/lib/regrade/get-regrade-job";
import { listRegradeJobs } from "@/lib/regrade/list-regrade-jobs";
import { getExerciseRegradeStatus } from "@/lib/regrade/get-exercise-regrade-status";
import { listExerciseRegradeStatuses } from "@/lib/regrade/list-exercise-regrade-statuses";
import type { SessionUser } from "@/lib/auth/session";
import type { Verdict } from "@/lib/db/generated/enums";
import { testDb } from "../../setup/db";
import { createExercise, createUser, SOLUTION, STARTER, VISIBLE_ONLY } from "../submissions/support";

const db = testDb();
let pool: VerifierPool;

beforeAll(async () => {
  pool = createVerifierPool({ size: 1, graceMs: 2_000, log: () => {} });
  await pool.warmedUp();
}, 180_000);

afterAll(async () => {
  await pool?.close();
  await db.$disconnect();
});

let minute = 0;
/** A submission as the OLD checks judged it (stored directly: the verdict is what the test controls). */
async function verifiedUnderOldChecks(learner: SessionUser, exerciseId: string, code: string, verdict: Verdict) {
  minute += 1;
  const at = new Date(Date.UTC(2026, 0, 1, 0, minute));
  const s = await db.submission.create({
    data: {
      userId: learner.id,
      exerciseId,
      code,
      createdAt: at,
      exerciseHash: "old-hash",
      state: "DONE",
      verdict,
      verifiedAt: at,
    },
  });
  await recomputeProgress(db, learner.id, exerciseId);
  return s;
}

const progressOf = (userId: string, exerciseId: string) =>
  db.progress.findUniqueOrThrow({ where: { userId_exerciseId: { userId, exerciseId } } });

/**
 * Instructor A's cohort: `ada` whose latest (visible-only) code passed the old checks but not the
 * hidden one; `bob` whose latest (starter) code failed and whose grade A overrode to PASSED.
 * Instructor B's cohort: `cy`, whom A's regrades must never touch.
 */
async function scenario() {
  const exerciseId = await createExercise(db);
  const teacherA = await createUser(db, "INSTRUCTOR");
  const teacherB = await createUser(db, "INSTRUCTOR");
  const [ada, bob, cy] = [await createUser(db), await createUser(db), await createUser(db)];
  const cohortA = await createCohort(db, teacherA, { name: "A" });
  const cohortB = await createCohort(db, teacherB, { name: "B" });
  await joinCohort(db, ada, { code: cohortA.joinCode });
  await joinCohort(db, bob, { code: cohortA.joinCode });
  await joinCohort(db, cy, { code: cohortB.joinCode });

  const adaFirst = await verifiedUnderOldChecks(ada, exerciseId, STARTER, "FAILED");
  const adaLatest = await verifiedUnderOldChecks(ada, exerciseId, VISIBLE_ONLY, "PASSED");
  const bobLatest = await verifiedUnderOldChecks(bob, exerciseId, STARTER, "FAILED");
  await overrideGrade(db, teacherA, bobLatest.id, {
    verdict: "PASSED",
    reason: "Right idea, the check was too strict.",
  });
  const cyLatest = await verifiedUnderOldChecks(cy, exerciseId, VISIBLE_ONLY, "PASSED");
  return { exerciseId, teacherA, teacherB, ada, bob, cy, cohortA, cohortB, adaFirst, adaLatest, bobLatest, cyLatest };
}

test("an exercise regrade re-verifies the latest submission of each learner in scope, in place, and lists the changed verdicts", async () => {
  const s = await scenario();
  const before = await getExerciseRegradeStatus(db, s.teacherA, s.exerciseId);
  expect(before).toMatchObject({ gradable: 2, stale: 2, pending: 0 });
  const overview = await listExerciseRegradeStatuses(db, s.teacherA);
  expect(overview.find((e) => e.id === s.exerciseId)).toMatchObject({ gradable: 2, stale: 2 });
  const submissionsBefore = await db.submission.count();

  // An outcome of the earlier verification, which the regrade must replace, not add to.
  await db.checkOutcome.create({
    data: { submissionId: s.adaLatest.id, name: "test_retired.py::test_gone", status: "passed", visibility: "visible" },
  });

  const started = await startRegrade(db, s.teacherA, { exerciseId: s.exerciseId });
  expect(started.total).toBe(2);
  const items = await db.regradeItem.findMany({ where: { jobId: started.jobId }, select: { submissionId: true } });
  expect(items.map((i) => i.submissionId).sort()).toEqual([s.adaLatest.id, s.bobLatest.id].sort());

  const runner = createJobRunner(db, { pool, concurrency: 1, log: () => {} });
  await runner.drained();
  await runner.close();

  const job = await getRegradeJob(db, s.teacherA, started.jobId);
  expect(job).toMatchObject({ state: "DONE", total: 2, done: 2, changed: 1 });
  expect(job.finishedAt).not.toBeNull();
  // Only ada's verdict changed; bob's starter still fails (unchanged, so not listed).
  expect(job.changes).toEqual([
    expect.objectContaining({ submissionId: s.adaLatest.id, before: "PASSED", after: "FAILED", error: null }),
  ]);

  // In place: no new submission, the latest now carries the new verdict, result, outcomes and hash.
  expect(await db.submission.count()).toBe(submissionsBefore);
  const adaLatest = await db.submission.findUniqueOrThrow({ where: { id: s.adaLatest.id }, include: { checks: true } });
  expect(adaLatest).toMatchObject({ verdict: "FAILED", state: "DONE", exerciseHash: `hash-${s.exerciseId}` });
  expect(adaLatest.verifiedAt).toEqual(s.adaLatest.verifiedAt);
  expect(adaLatest.checks.find((c) => c.name.includes("test_double_negative"))?.status).toBe("failed");
  expect(adaLatest.checks.map((c) => c.name)).not.toContain("test_retired.py::test_gone");
  expect(adaLatest.checks).toHaveLength(2);
  // The earlier attempt and the other cohort's learner are untouched.
  expect(await db.submission.findUniqueOrThrow({ where: { id: s.adaFirst.id } })).toMatchObject({
    verdict: "FAILED",
    exerciseHash: "old-hash",
  });
  expect(await db.submission.findUniqueOrThrow({ where: { id: s.cyLatest.id } })).toMatchObject({
    verdict: "PASSED",
    exerciseHash: "old-hash",
  });

  // Progress follows the new verdict, except where an instructor overrode it.
  expect(await progressOf(s.ada.id, s.exerciseId)).toMatchObject({
    state: "ATTEMPTED",
    firstPassedAt: null,
    attempts: 2,
  });
  expect(await progressOf(s.bob.id, s.exerciseId)).toMatchObject({ state: "PASSED", overrideVerdict: "PASSED" });
  expect(await progressOf(s.cy.id, s.exerciseId)).toMatchObject({ state: "PASSED" });

  expect(await getExerciseRegradeStatus(db, s.teacherA, s.exerciseId)).toMatchObject({ gradable: 2, stale: 0 });
  expect((await listExerciseRegradeStatuses(db, s.teacherA)).find((e) => e.id === s.exerciseId)).toMatchObject({
    gradable: 2,
    stale: 0,
  });
  // Instructor B's view of the same exercise still shows cy's stale verdict.
  expect(await getExerciseRegradeStatus(db, s.teacherB, s.exerciseId)).toMatchObject({ gradable: 1, stale: 1 });
  expect((await listRegradeJobs(db, s.teacherA)).map((j) => j.id)).toEqual([started.jobId]);
  expect(await listRegradeJobs(db, s.teacherB)).toEqual([]);
}, 180_000);

test("an item held by a worker that died is taken over once its lease runs out; each item is stored once", async () => {
  const exerciseId = await createExercise(db);
  const teacher = await createUser(db, "INSTRUCTOR");
  const cohort = await createCohort(db, teacher, { name: "Restart" });
  const [ann, ben] = [await createUser(db), await createUser(db)];
  await joinCohort(db, ann, { code: cohort.joinCode });
  await joinCohort(db, ben, { code: cohort.joinCode });
  await verifiedUnderOldChecks(ann, exerciseId, SOLUTION, "FAILED");
  await verifiedUnderOldChecks(ben, exerciseId, SOLUTION, "FAILED");

  // All exercises of the cohort (here: one).
  const started = await startRegrade(db, teacher, { cohortId: cohort.id });
  expect(started.total).toBe(2);

  // A worker claims one item and dies: its lease (1 ms) runs out unrenewed.
  const [held] = await claimJobs(db, "dead-worker", 1, 1);
  expect(held.kind).toBe("REGRADE_ITEM");
  await new Promise((r) => setTimeout(r, 20));

  const finishedItems: string[] = [];
  const second = createJobRunner(db, {
    pool,
    concurrency: 1,
    log: () => {},
    onOutcome: (job, outcome) => outcome.kind === "done" && finishedItems.push(job.subjectId),
  });
  await second.drained();
  await second.close();

  expect(finishedItems).toHaveLength(2);
  expect(await db.job.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({
    state: "DONE",
    attempts: 2,
    leaseOwner: null,
  });
  const job = await getRegradeJob(db, teacher, started.jobId);
  expect(job).toMatchObject({ state: "DONE", total: 2, done: 2, changed: 2 });
  expect(job.changes.map((c) => [c.before, c.after])).toEqual([
    ["FAILED", "PASSED"],
    ["FAILED", "PASSED"],
  ]);
  const items = await db.regradeItem.findMany({ where: { jobId: started.jobId } });
  expect(items.every((i) => i.attempts === 1 && i.finishedAt !== null)).toBe(true);
  expect(await progressOf(ann.id, exerciseId)).toMatchObject({ state: "PASSED" });
  expect(await progressOf(ben.id, exerciseId)).toMatchObject({ state: "PASSED" });
}, 180_000);

test("another instructor's cohort or job is a 404, a learner is refused, a bad scope is a 400 — and nothing is queued", async () => {
  const s = await scenario();
  const jobsBefore = await db.regradeJob.count();

  await expect(startRegrade(db, s.teacherB, { cohortId: s.cohortA.id })).rejects.toMatchObject({ status: 404 });
  await expect(getExerciseRegradeStatus(db, s.teacherB, s.exerciseId, s.cohortA.id)).rejects.toMatchObject({
    status: 404,
  });
  await expect(startRegrade(db, s.ada, { exerciseId: s.exerciseId })).rejects.toMatchObject({ status: 403 });
  await expect(getExerciseRegradeStatus(db, s.ada, s.exerciseId)).rejects.toMatchObject({ status: 403 });
  await expect(listRegradeJobs(db, s.ada)).rejects.toMatchObject({ status: 403 });
  await expect(listExerciseRegradeStatuses(db, s.ada)).rejects.toMatchObject({ status: 403 });
  await expect(startRegrade(db, s.teacherA, {})).rejects.toMatchObject({ status: 400 });
  await expect(startRegrade(db, s.teacherA, { exerciseId: "x".repeat(65) })).rejects.toMatchObject({ status: 400 });
  await expect(startRegrade(db, s.teacherA, { exerciseId: "no-such-exercise" })).rejects.toMatchObject({ status: 404 });
  expect(await db.regradeJob.count()).toBe(jobsBefore);

  // B's own regrade of the exercise reaches only B's learner; A cannot read B's job, nor can a learner.
  const mine = await startRegrade(db, s.teacherB, { exerciseId: s.exerciseId });
  const items = await db.regradeItem.findMany({ where: { jobId: mine.jobId }, select: { submissionId: true } });
  expect(items.map((i) => i.submissionId)).toEqual([s.cyLatest.id]);
  await expect(getRegradeJob(db, s.teacherA, mine.jobId)).rejects.toMatchObject({ status: 404 });
  await expect(getRegradeJob(db, s.cy, mine.jobId)).rejects.toMatchObject({ status: 403 });
  // The same regrade again while the first waits is refused, not doubled.
  await expect(startRegrade(db, s.teacherB, { exerciseId: s.exerciseId })).rejects.toMatchObject({ status: 409 });
  // An admin sees every job.
  const admin = await createUser(db, "ADMIN");
  await expect(getRegradeJob(db, admin, mine.jobId)).resolves.toMatchObject({ total: 1, state: "QUEUED" });
});

test("when the verifier itself fails, the item is retried once, then listed as not regraded; the submission keeps its verdict", async () => {
  const exerciseId = await createExercise(db);
  const teacher = await createUser(db, "INSTRUCTOR");
  const cohort = await createCohort(db, teacher, { name: "Broken pool" });
  const learner = await createUser(db);
  await joinCohort(db, learner, { code: cohort.joinCode });
  const submission = await verifiedUnderOldChecks(learner, exerciseId, SOLUTION, "FAILED");
  const started = await startRegrade(db, teacher, { exerciseId, cohortId: cohort.id });

  // A real pool that has been closed rejects every job: the pool failing, not the learner's code.
  const broken = createVerifierPool({ size: 1, log: () => {} });
  await broken.close();
  const logged: string[] = [];
  const runner = createJobRunner(db, { pool: broken, concurrency: 1, log: (m) => logged.push(m) });
  await runner.drained();
  await runner.close();

  const job = await getRegradeJob(db, teacher, started.jobId);
  expect(job).toMatchObject({ state: "DONE", total: 1, done: 1, changed: 0 });
  expect(job.changes).toEqual([
    expect.objectContaining({
      submissionId: submission.id,
      before: "FAILED",
      after: null,
      error: expect.stringMatching(/verifier failed/),
    }),
  ]);
  expect(await db.regradeItem.findFirstOrThrow({ where: { jobId: started.jobId } })).toMatchObject({ attempts: 2 });
  expect(await db.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({
    verdict: "FAILED",
    state: "DONE",
    exerciseHash: "old-hash",
  });
  expect(logged.some((m) => m.includes("queued again"))).toBe(true);
});

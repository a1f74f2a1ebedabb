/**
 * The demo seed on the real database: it fills the demo instructor's cohort
 * with consistent data (progress agrees with the submissions, results parse
 * as CheckResults, the dashboards read it), and a second run replaces the
 * demo data without touching real users — even one whose email is on the
 * demo domain, or a real learner who joined the demo cohort's old incarnation.
 */
import { createDemoAccountsIfEmpty } from "@/lib/users/demo-accounts";
import { DEMO_COHORT_ID, seedDemoCohort } from "@/lib/demo/seed-demo-cohort";
import { getCohortOverview } from "@/lib/dashboards/get-cohort-overview";
import { getExerciseStats } from "@/lib/dashboards/get-exercise-stats";
import { CheckResultSchema } from "@/lib/grading/result";
import { testDb } from "../../setup/db";
import { createExercise } from "../submissions/support";

const db = testDb();
afterAll(() => db.$disconnect());

async function counts() {
  return {
    users: await db.user.count(),
    members: await db.cohortMember.count({ where: { cohortId: DEMO_COHORT_ID } }),
    submissions: await db.submission.count(),
    checkOutcomes: await db.checkOutcome.count(),
    progress: await db.progress.count(),
    hints: await db.hintReveal.count(),
    drafts: await db.draft.count(),
    feedback: await db.feedback.count(),
  };
}

test("seeds the demo instructor's cohort consistently, and a re-run replaces only demo data", async () => {
  await createDemoAccountsIfEmpty(db);
  const ex1 = await createExercise(db, { order: 1 });
  const ex2 = await createExercise(db, { order: 2 });
  await createExercise(db, { order: 3, sectionId: "cycles" });
  // Real users the seed must leave alone: one on the demo domain with a password, one elsewhere.
  const lookalike = await db.user.create({
    data: { email: "learner-00001@demo.leakless.local", name: "Real person", passwordHash: "$2b$10$x" },
  });
  const realLearner = await db.user.findUniqueOrThrow({ where: { email: "learner@leakless.local" } });

  const now = new Date("2026-11-20T12:00:00Z");
  const first = await seedDemoCohort(db, { learners: 12, seed: 7, now });
  expect(first).toMatchObject({ cohortId: DEMO_COHORT_ID, learners: 12, exercises: 3 });
  const cohort = await db.cohort.findUniqueOrThrow({ where: { id: DEMO_COHORT_ID }, include: { owner: true } });
  expect(cohort.owner.email).toBe("instructor@leakless.local");

  const afterFirst = await counts();
  expect(afterFirst.members).toBe(12);
  expect(afterFirst.submissions).toBe(first.submissions);
  expect(afterFirst.checkOutcomes).toBe(first.checkOutcomes);
  expect(first.submissions).toBeGreaterThan(12);

  // Every result is a valid CheckResult whose tests match the stored outcomes, with the exercise's real check names.
  const sample = await db.submission.findMany({ take: 50, include: { checks: true } });
  for (const s of sample) {
    const result = CheckResultSchema.parse(s.result);
    expect(s.checks.map((c) => c.name).sort()).toEqual(result.tests.map((t) => t.name).sort());
    expect(["PASSED", "FAILED", "ERROR", "TIMEOUT"]).toContain(s.verdict);
  }
  const names = new Set(
    (await db.checkOutcome.findMany({ select: { name: true }, distinct: ["name"] })).map((c) => c.name),
  );
  expect([...names].sort()).toEqual(["test_hidden.py::test_double_negative", "test_visible.py::test_double_three"]);

  // Progress agrees with the submissions (attempts = verified submissions; passed iff a pass or an override).
  const progress = await db.progress.findMany({ include: { user: { select: { id: true } } } });
  for (const p of progress) {
    const subs = await db.submission.findMany({ where: { userId: p.userId, exerciseId: p.exerciseId } });
    expect(p.attempts).toBe(subs.length);
    const passed = subs.some((s) => s.verdict === "PASSED") || p.overrideVerdict === "PASSED";
    expect(p.state).toBe(passed ? "PASSED" : "ATTEMPTED");
  }

  // The dashboards read it: the overview and the per-exercise figures agree with the rows.
  const instructor = await db.user.findUniqueOrThrow({ where: { email: "instructor@leakless.local" } });
  const overview = await getCohortOverview(db, instructor, DEMO_COHORT_ID, {}, now);
  expect(overview.learnerCount).toBe(12);
  expect(overview.submissionCount).toBe(first.submissions);
  const stats = await getExerciseStats(db, instructor, DEMO_COHORT_ID, ex1);
  expect(stats.learnersPassed).toBe(await db.progress.count({ where: { exerciseId: ex1, state: "PASSED" } }));
  expect(stats.submissions).toBe(await db.submission.count({ where: { exerciseId: ex1 } }));

  // Real activity the re-run must keep: the real learner's submission.
  await db.submission.create({
    data: { userId: realLearner.id, exerciseId: ex2, code: "x", exerciseHash: "h", state: "DONE", verdict: "FAILED" },
  });
  const second = await seedDemoCohort(db, { learners: 12, seed: 7, now });
  const afterSecond = await counts();
  // Same seed, same activity: identical totals, nothing duplicated, nothing left over.
  expect(second.submissions).toBe(first.submissions);
  expect(afterSecond).toEqual({ ...afterFirst, submissions: afterFirst.submissions + 1 });
  expect(await db.user.findUnique({ where: { id: lookalike.id } })).not.toBeNull();
  expect(await db.submission.count({ where: { userId: realLearner.id } })).toBe(1);
  expect(await db.user.count({ where: { email: { in: ["admin@leakless.local", "learner@leakless.local"] } } })).toBe(2);

  // Benchmark mode: exactly N submissions per learner per exercise.
  const bench = await seedDemoCohort(db, { learners: 5, submissionsPerExercise: 4, now });
  expect(bench.submissions).toBe(5 * 3 * 4);
  expect(await db.cohortMember.count({ where: { cohortId: DEMO_COHORT_ID } })).toBe(5);
});

test("refuses to seed without the demo instructor, or with a bad learner count", async () => {
  await expect(seedDemoCohort(db, { instructorEmail: "nobody@example.com" })).rejects.toThrow(/does not exist/);
  await expect(seedDemoCohort(db, { learners: 0 })).rejects.toThrow(RangeError);
});

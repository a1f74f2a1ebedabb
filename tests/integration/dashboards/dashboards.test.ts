/**
 * Dashboard figures on a small cohort whose numbers are worked out by hand
 * (comments give the arithmetic), on the real database. A learner of another
 * cohort submits too, and must count nowhere. Then the gate: another
 * instructor gets 404 for every dashboard function, a learner 403, an admin
 * sees the cohort.
 */
import { createCohort } from "@/lib/cohorts/create-cohort";
import { joinCohort } from "@/lib/cohorts/join-cohort";
import { getCohortOverview } from "@/lib/dashboards/get-cohort-overview";
import { getExerciseStats } from "@/lib/dashboards/get-exercise-stats";
import { getLearnerActivity } from "@/lib/dashboards/get-learner-activity";
import { listStrugglingLearners } from "@/lib/dashboards/list-struggling-learners";
import { recomputeProgress } from "@/lib/progress/recompute-progress";
import type { SessionUser } from "@/lib/auth/session";
import { testDb } from "../../setup/db";
import { createExercise, createUser } from "../submissions/support";

const db = testDb();
afterAll(() => db.$disconnect());

const NOW = new Date("2026-11-20T12:00:00Z");
const TWO_DAYS_AGO = Date.parse("2026-11-18T09:00:00Z");
const TODAY = Date.parse("2026-11-20T11:00:00Z");
const MIN = 60_000;
const X = "test_hidden.py::test_x";
const Y = "test_visible.py::test_y";

let teacher: SessionUser;
let otherTeacher: SessionUser;
let cohortId: string;
let ex1: string, ex2: string, ex3: string;
let l1: SessionUser, l2: SessionUser, l3: SessionUser, outsider: SessionUser;

async function submit(user: SessionUser, exerciseId: string, at: number, failing: string[]) {
  const verdict = failing.length === 0 ? "PASSED" : "FAILED";
  const s = await db.submission.create({
    data: {
      userId: user.id,
      exerciseId,
      code: "pass\n",
      createdAt: new Date(at),
      exerciseHash: "h",
      state: "DONE",
      verdict,
      verifiedAt: new Date(at + 500),
      durationMs: 500,
      checks: {
        create: [X, Y].map((name) => ({
          name,
          status: failing.includes(name) ? "failed" : "passed",
          visibility: name === X ? "hidden" : "visible",
        })),
      },
    },
  });
  await recomputeProgress(db, user.id, exerciseId);
  return s;
}

beforeAll(async () => {
  teacher = await createUser(db, "INSTRUCTOR");
  otherTeacher = await createUser(db, "INSTRUCTOR");
  const cohort = await createCohort(db, teacher, { name: "Hand-counted" });
  const otherCohort = await createCohort(db, otherTeacher, { name: "Elsewhere" });
  cohortId = cohort.id;
  ex1 = await createExercise(db, { sectionId: "allocation", order: 1, title: "One" });
  ex2 = await createExercise(db, { sectionId: "allocation", order: 2, title: "Two" });
  ex3 = await createExercise(db, { sectionId: "cycles", order: 1, title: "Three" });
  l1 = await createUser(db);
  l2 = await createUser(db);
  l3 = await createUser(db);
  outsider = await createUser(db);
  await db.user.update({ where: { id: l1.id }, data: { name: "Alice" } });
  await db.user.update({ where: { id: l2.id }, data: { name: "Bob" } });
  await db.user.update({ where: { id: l3.id }, data: { name: "Carol" } });
  for (const u of [l1, l2, l3]) await joinCohort(db, u, { code: cohort.joinCode });
  await joinCohort(db, outsider, { code: otherCohort.joinCode });
  await db.cohortMember.updateMany({ data: { joinedAt: new Date("2026-11-01T00:00:00Z") } });

  // Alice: ex1 fails twice on X then passes 30 minutes after her first try; ex2, ex3 pass today.
  await submit(l1, ex1, TWO_DAYS_AGO, [X]);
  await submit(l1, ex1, TWO_DAYS_AGO + 10 * MIN, [X]);
  await submit(l1, ex1, TWO_DAYS_AGO + 30 * MIN, []);
  await submit(l1, ex2, TODAY, []);
  await submit(l1, ex3, TODAY + MIN, []);
  // Bob: ex1 passes at once, today.
  await submit(l2, ex1, TODAY + 2 * MIN, []);
  // Carol: ex1 fails on X and Y, then on X alone (stuck on X); she revealed a hint.
  await submit(l3, ex1, TWO_DAYS_AGO + 5 * MIN, [X, Y]);
  await submit(l3, ex1, TWO_DAYS_AGO + 20 * MIN, [X]);
  await db.hintReveal.create({ data: { userId: l3.id, exerciseId: ex1, hintIndex: 0 } });
  await recomputeProgress(db, l3.id, ex1);
  // Someone in another cohort fails ex1 on Y: must count nowhere here.
  await submit(outsider, ex1, TODAY, [Y]);
});

test("overview: heat-map grid, completion per section, active learners per day", async () => {
  const o = await getCohortOverview(db, teacher, cohortId, { days: 3 }, NOW);
  expect(o.learnerCount).toBe(3);
  expect(o.submissionCount).toBe(8); // 5 + 1 + 2, not the outsider's
  expect(o.exercises.map((e) => e.id)).toEqual([ex1, ex2, ex3]);
  expect(o.grid.rows.map((r) => [r.learner.name, r.done, r.cells.map((c) => c.state)])).toEqual([
    ["Alice", 3, ["PASSED", "PASSED", "PASSED"]],
    ["Bob", 1, ["PASSED", "NOT_STARTED", "NOT_STARTED"]],
    ["Carol", 0, ["ATTEMPTED", "NOT_STARTED", "NOT_STARTED"]],
  ]);
  expect(o.grid.rows[2].cells[0].attempts).toBe(2);
  // allocation: (Alice, ex1), (Alice, ex2), (Bob, ex1) of 3 learners × 2 exercises; only Alice finished it.
  expect(o.sections).toEqual([
    { id: "allocation", title: "Section allocation", exercises: 2, donePairs: 3, totalPairs: 6, learnersFinished: 1 },
    { id: "cycles", title: "Section cycles", exercises: 1, donePairs: 1, totalPairs: 3, learnersFinished: 1 },
  ]);
  expect(o.activity).toEqual([
    { day: "2026-11-18", activeLearners: 2, submissions: 5 }, // Alice 3, Carol 2
    { day: "2026-11-19", activeLearners: 0, submissions: 0 },
    { day: "2026-11-20", activeLearners: 2, submissions: 3 }, // Alice 2, Bob 1
  ]);
});

test("per exercise: pass rate, medians, hints and the misconceptions view", async () => {
  const s = await getExerciseStats(db, teacher, cohortId, ex1);
  expect(s).toMatchObject({
    learnerCount: 3,
    learnersAttempted: 3,
    learnersPassed: 2,
    passRate: 2 / 3,
    submissions: 6,
    verdicts: [
      { verdict: "PASSED", count: 2 },
      { verdict: "FAILED", count: 4 },
    ],
    medianAttemptsToPass: 2, // Alice 3, Bob 1
    medianMsToPass: 15 * MIN, // Alice 30 min, Bob 0
    hintsRevealed: 1,
    learnersUsingHints: 1,
  });
  // X failed in Alice's two failures and both of Carol's → 4 failures by 2 learners; Carol is still stuck on it. Y: once, Carol.
  expect(s.misconceptions).toEqual([
    { check: X, visibility: "hidden", failures: 4, learnersFailed: 2, learnersStuck: 1 },
    { check: Y, visibility: "visible", failures: 1, learnersFailed: 1, learnersStuck: 0 },
  ]);
  const untouched = await getExerciseStats(db, teacher, cohortId, ex3);
  expect(untouched).toMatchObject({
    learnersAttempted: 1,
    learnersPassed: 1,
    medianAttemptsToPass: 1,
    misconceptions: [],
  });
});

test("per learner: timeline newest first with check counts, sections done, last activity", async () => {
  const a = await getLearnerActivity(db, teacher, cohortId, l1.id, { days: 3 }, NOW);
  expect(a.learner.name).toBe("Alice");
  expect(a.submissionCount).toBe(5);
  expect(a.lastActivityAt?.toISOString()).toBe(new Date(TODAY + MIN).toISOString());
  expect(a.timeline.map((t) => [t.exercise.title, t.verdict, t.checksPassed, t.checksFailed])).toEqual([
    ["Three", "PASSED", 2, 0],
    ["Two", "PASSED", 2, 0],
    ["One", "PASSED", 2, 0],
    ["One", "FAILED", 1, 1],
    ["One", "FAILED", 1, 1],
  ]);
  expect(a.sections).toEqual([
    { id: "allocation", title: "Section allocation", exercises: 2, done: 2 },
    { id: "cycles", title: "Section cycles", exercises: 1, done: 1 },
  ]);
  expect(a.activity.map((d) => d.submissions)).toEqual([3, 0, 2]);
  expect(a.olderCursor).toBeNull();
});

test("struggling: many failed attempts on an unpassed exercise, or idle for days (finishers are not idle)", async () => {
  const { learners } = await listStrugglingLearners(db, teacher, cohortId, { minFailedAttempts: 2, idleDays: 1 }, NOW);
  // Carol: 2 failed attempts on One, last seen two days ago. Alice finished everything; Bob was active today.
  expect(learners).toEqual([
    {
      learner: { id: l3.id, name: "Carol", email: l3.email },
      stuckOn: [{ exerciseId: ex1, title: "One", attempts: 2 }],
      idleSince: new Date(TWO_DAYS_AGO + 20 * MIN),
      neverSubmitted: false,
    },
  ]);
  const strict = await listStrugglingLearners(db, teacher, cohortId, { minFailedAttempts: 3, idleDays: 7 }, NOW);
  expect(strict.learners).toEqual([]);
});

test("another instructor gets 404 everywhere, a learner 403, an admin sees the cohort", async () => {
  const calls = (actor: SessionUser) => [
    getCohortOverview(db, actor, cohortId, {}, NOW),
    getExerciseStats(db, actor, cohortId, ex1),
    getLearnerActivity(db, actor, cohortId, l1.id, {}, NOW),
    listStrugglingLearners(db, actor, cohortId, {}, NOW),
  ];
  for (const p of calls(otherTeacher)) await expect(p).rejects.toMatchObject({ status: 404 });
  for (const p of calls(l1)) await expect(p).rejects.toMatchObject({ status: 403 });
  const admin = await createUser(db, "ADMIN");
  for (const p of calls(admin)) await expect(p).resolves.toBeTruthy();
  // A learner of another cohort, through this cohort's URL, is a 404; so is an unknown exercise.
  await expect(getLearnerActivity(db, teacher, cohortId, outsider.id)).rejects.toMatchObject({ status: 404 });
  await expect(getExerciseStats(db, teacher, cohortId, "no-such-exercise")).rejects.toMatchObject({ status: 404 });
  await expect(getCohortOverview(db, teacher, cohortId, { days: "many" })).rejects.toMatchObject({ status: 400 });
});

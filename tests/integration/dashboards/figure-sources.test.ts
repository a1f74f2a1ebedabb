/**
 * The overview's figures come from cheaper sources than the plain definition
 * (the submission count from Progress.attempts, activity and idleness from
 * per-learner index seeks, section completion in one pass). Here every one of
 * them is checked against its plain definition, computed in JS from all the
 * rows, on a seeded cohort with a mixed history: the demo seed's learners,
 * plus submissions still queued, running or errored (which Progress does not
 * count), an archived exercise's submissions, and a learner of another
 * cohort who must count nowhere.
 */
import { DEMO_COHORT_ID, seedDemoCohort } from "@/lib/demo/seed-demo-cohort";
import { createDemoAccountsIfEmpty } from "@/lib/users/demo-accounts";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { joinCohort } from "@/lib/cohorts/join-cohort";
import { getCohortOverview } from "@/lib/dashboards/get-cohort-overview";
import { getLearnerActivity } from "@/lib/dashboards/get-learner-activity";
import { listStrugglingLearners } from "@/lib/dashboards/list-struggling-learners";
import { dayBoundaries } from "@/lib/dashboards/activity-by-day";
import { DONE_STATES } from "@/lib/dashboards/dashboard-cohort";
import { recomputeProgress } from "@/lib/progress/recompute-progress";
import type { SessionUser } from "@/lib/auth/session";
import { testDb } from "../../setup/db";
import { createExercise, createUser } from "../submissions/support";

const db = testDb();
afterAll(() => db.$disconnect());

const NOW = new Date("2026-11-20T12:00:00Z");
const DAY = 86_400_000;
let instructor: SessionUser;
let memberIds: string[];

beforeAll(async () => {
  await createDemoAccountsIfEmpty(db);
  const live = [
    await createExercise(db, { order: 1 }),
    await createExercise(db, { order: 2 }),
    await createExercise(db, { order: 1, sectionId: "cycles" }),
  ];
  await seedDemoCohort(db, { learners: 30, seed: 11, days: 10, now: NOW });
  const row = await db.user.findUniqueOrThrow({ where: { email: "instructor@leakless.local" } });
  instructor = { id: row.id, email: row.email, name: row.name, role: row.role };
  memberIds = (await db.cohortMember.findMany({ where: { cohortId: DEMO_COHORT_ID }, select: { userId: true } })).map(
    (m) => m.userId,
  );

  // Unverified submissions of members: Progress.attempts does not count them, the figure must.
  const [a, b, c] = memberIds;
  for (const [userId, state] of [
    [a, "QUEUED"],
    [a, "RUNNING"],
    [b, "ERRORED"],
    [c, "QUEUED"],
  ] as const) {
    await db.submission.create({
      data: {
        userId,
        exerciseId: live[0],
        code: "x",
        exerciseHash: "h",
        state,
        createdAt: new Date(NOW.getTime() - 60_000),
      },
    });
    await recomputeProgress(db, userId, live[0]);
  }
  // A verified submission on an exercise archived since: it still counts as a submission.
  const archived = await createExercise(db, { order: 9 });
  await db.submission.create({
    data: {
      userId: b,
      exerciseId: archived,
      code: "x",
      exerciseHash: "h",
      state: "DONE",
      verdict: "PASSED",
      verifiedAt: new Date(NOW.getTime() - 2 * DAY),
      createdAt: new Date(NOW.getTime() - 2 * DAY),
    },
  });
  await recomputeProgress(db, b, archived);
  await db.exercise.update({ where: { id: archived }, data: { archivedAt: NOW } });

  // A learner of another cohort: counts nowhere here.
  const other = await createUser(db, "INSTRUCTOR");
  const otherCohort = await createCohort(db, other, { name: "Elsewhere" });
  const outsider = await createUser(db);
  await joinCohort(db, outsider, { code: otherCohort.joinCode });
  for (const state of ["DONE", "QUEUED"] as const) {
    await db.submission.create({
      data: {
        userId: outsider.id,
        exerciseId: live[1],
        code: "x",
        exerciseHash: "h",
        state,
        verdict: state === "DONE" ? "FAILED" : null,
        createdAt: new Date(NOW.getTime() - DAY),
      },
    });
  }
  await recomputeProgress(db, outsider.id, live[1]);
});

async function memberSubmissions() {
  return db.submission.findMany({
    where: { userId: { in: memberIds } },
    select: { userId: true, createdAt: true, state: true },
  });
}

test("the submission count equals the count of the members' submission rows", async () => {
  const o = await getCohortOverview(db, instructor, DEMO_COHORT_ID, {}, NOW);
  const rows = await memberSubmissions();
  expect(rows.filter((s) => s.state !== "DONE").length).toBe(4);
  expect(o.submissionCount).toBe(rows.length);
  expect(o.submissionCount).toBe(
    await db.submission.count({ where: { user: { memberships: { some: { cohortId: DEMO_COHORT_ID } } } } }),
  );
});

test("activity per day equals distinct learners and submissions per UTC day, for the cohort and one learner", async () => {
  const rows = await memberSubmissions();
  const expected = (days: number, only?: string) => {
    const bounds = dayBoundaries(days, NOW);
    return bounds.slice(0, -1).map((start, i) => {
      const inDay = rows.filter(
        (s) => (!only || s.userId === only) && s.createdAt >= start && s.createdAt < bounds[i + 1],
      );
      return {
        day: start.toISOString().slice(0, 10),
        activeLearners: new Set(inDay.map((s) => s.userId)).size,
        submissions: inDay.length,
      };
    });
  };
  const o = await getCohortOverview(db, instructor, DEMO_COHORT_ID, { days: 14 }, NOW);
  expect(o.activity).toEqual(expected(14));
  expect(o.activity.reduce((n, d) => n + d.submissions, 0)).toBeGreaterThan(100);
  const learner = memberIds[0];
  const a = await getLearnerActivity(db, instructor, DEMO_COHORT_ID, learner, { days: 14 }, NOW);
  expect(a.activity).toEqual(expected(14, learner));
  expect(a.submissionCount).toBe(rows.filter((s) => s.userId === learner).length);
});

test("completion per section equals the done (learner, exercise) pairs and the learners who did all of a section", async () => {
  const o = await getCohortOverview(db, instructor, DEMO_COHORT_ID, {}, NOW);
  const progress = await db.progress.findMany({
    where: { userId: { in: memberIds }, state: { in: [...DONE_STATES] }, exercise: { archivedAt: null } },
    select: { userId: true, exercise: { select: { sectionId: true } } },
  });
  const sizes = new Map<string, number>();
  for (const e of o.exercises) sizes.set(e.sectionId, (sizes.get(e.sectionId) ?? 0) + 1);
  const expected = [...sizes].map(([sectionId, size]) => {
    const pairs = progress.filter((p) => p.exercise.sectionId === sectionId);
    const perLearner = new Map<string, number>();
    for (const p of pairs) perLearner.set(p.userId, (perLearner.get(p.userId) ?? 0) + 1);
    return {
      id: sectionId,
      donePairs: pairs.length,
      learnersFinished: [...perLearner.values()].filter((n) => n === size).length,
    };
  });
  expect(o.sections.map(({ id, donePairs, learnersFinished }) => ({ id, donePairs, learnersFinished }))).toEqual(
    expected,
  );
  expect(expected.some((s) => s.learnersFinished > 0 && s.learnersFinished < memberIds.length)).toBe(true);
});

test("struggling equals the plain definition: stuck learners from Progress, idle ones from their latest submission", async () => {
  const criteria = { minFailedAttempts: 3, idleDays: 2 };
  const { learners } = await listStrugglingLearners(db, instructor, DEMO_COHORT_ID, criteria, NOW);
  const cutoff = new Date(NOW.getTime() - criteria.idleDays * DAY);
  const liveCount = await db.exercise.count({ where: { archivedAt: null } });
  const members = await db.cohortMember.findMany({
    where: { cohortId: DEMO_COHORT_ID },
    select: { joinedAt: true, user: { select: { id: true, progress: { include: { exercise: true } } } } },
  });
  const rows = await memberSubmissions();
  const stuck = new Map<string, { exerciseId: string; attempts: number }[]>();
  const idle = new Map<string, Date | null>();
  for (const m of members) {
    const live = m.user.progress.filter((p) => p.exercise.archivedAt === null);
    const s = live
      .filter((p) => p.state === "ATTEMPTED" && p.attempts >= criteria.minFailedAttempts)
      .map((p) => ({ exerciseId: p.exerciseId, attempts: p.attempts }));
    if (s.length > 0) stuck.set(m.user.id, s);
    const finished = live.filter((p) => (DONE_STATES as readonly string[]).includes(p.state)).length === liveCount;
    const mine = rows.filter((r) => r.userId === m.user.id).map((r) => r.createdAt.getTime());
    const last = mine.length > 0 ? new Date(Math.max(...mine)) : null;
    if (!finished && (last ? last < cutoff : m.joinedAt < cutoff)) idle.set(m.user.id, last);
  }
  expect(stuck.size).toBeGreaterThan(0);
  expect(idle.size).toBeGreaterThan(0);
  expect(new Set(learners.map((l) => l.learner.id))).toEqual(new Set([...stuck.keys(), ...idle.keys()]));
  for (const l of learners) {
    const sortedStuck = [...l.stuckOn].sort((x, y) => x.exerciseId.localeCompare(y.exerciseId));
    const want = [...(stuck.get(l.learner.id) ?? [])].sort((x, y) => x.exerciseId.localeCompare(y.exerciseId));
    expect(sortedStuck.map(({ exerciseId, attempts }) => ({ exerciseId, attempts }))).toEqual(want);
    expect(l.stuckOn.map((x) => x.attempts)).toEqual([...l.stuckOn.map((x) => x.attempts)].sort((x, y) => y - x));
    expect(l.idleSince).toEqual(idle.has(l.learner.id) ? idle.get(l.learner.id) : null);
  }
});

/**
 * The cohort dashboard's first screen: a learners × exercises grid of
 * progress states (the heat map), completion per section, and active
 * learners per day. Every figure is an aggregate in the database; the grid
 * is the only per-row read, and it is paged by learner (one page of learners
 * × the course's exercises, which the page draws anyway).
 */
import { z } from "zod";
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import type { ProgressState, Verdict } from "../db/generated/enums";
import { parseWith } from "../http/errors";
import { activityByDay, type DayActivity } from "./activity-by-day";
import { countCohortSubmissions } from "./count-cohort-submissions";
import { DONE_STATES, findDashboardCohort, listCourseExercises, type CourseExercise } from "./dashboard-cohort";
import { toNumber } from "../db/sql-values";

export const GRID_PAGE_SIZE = 50;

export const CohortOverviewQuerySchema = z.object({
  page: z.coerce.number("Page must be a number.").int().min(1).max(100_000).default(1),
  days: z.coerce.number("Days must be a number.").int().min(1).max(90).default(14),
});

export type GridCell = { state: ProgressState; attempts: number; overrideVerdict: Verdict | null };
export type GridRow = { learner: { id: string; name: string; email: string }; done: number; cells: GridCell[] };
export type SectionCompletion = {
  id: string;
  title: string;
  exercises: number;
  /** (learner, exercise) pairs done, out of learners × exercises. */
  donePairs: number;
  totalPairs: number;
  /** Learners who have done every exercise of the section. */
  learnersFinished: number;
};

export type CohortOverview = {
  cohort: { id: string; name: string };
  learnerCount: number;
  submissionCount: number;
  exercises: CourseExercise[];
  grid: { page: number; pageCount: number; rows: GridRow[] };
  sections: SectionCompletion[];
  activity: DayActivity[];
};

export async function getCohortOverview(
  db: Db,
  actor: SessionUser,
  cohortId: unknown,
  query: unknown = {},
  now = new Date(),
): Promise<CohortOverview> {
  const cohort = await findDashboardCohort(db, actor, cohortId);
  const q = parseWith(CohortOverviewQuerySchema, query);
  const exercises = await listCourseExercises(db);
  const exerciseIds = exercises.map((e) => e.id);

  const [learnerCount, submissionCount, members, sections, activity] = await Promise.all([
    db.cohortMember.count({ where: { cohortId: cohort.id } }),
    countCohortSubmissions(db, cohort.id),
    db.cohortMember.findMany({
      where: { cohortId: cohort.id },
      orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
      skip: (q.page - 1) * GRID_PAGE_SIZE,
      take: GRID_PAGE_SIZE,
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
    sectionCompletion(db, cohort.id, exercises),
    activityByDay(db, cohort.id, q.days, now),
  ]);

  const learnerIds = members.map((m) => m.user.id);
  const progress =
    learnerIds.length === 0 || exerciseIds.length === 0
      ? []
      : await db.progress.findMany({
          where: { userId: { in: learnerIds }, exerciseId: { in: exerciseIds } },
          select: { userId: true, exerciseId: true, state: true, attempts: true, overrideVerdict: true },
        });
  const byPair = new Map(progress.map((p) => [`${p.userId}\u0000${p.exerciseId}`, p]));
  const rows: GridRow[] = members.map(({ user }) => {
    const cells = exercises.map((e): GridCell => {
      const p = byPair.get(`${user.id}\u0000${e.id}`);
      return p
        ? { state: p.state, attempts: p.attempts, overrideVerdict: p.overrideVerdict }
        : { state: "NOT_STARTED", attempts: 0, overrideVerdict: null };
    });
    const done = cells.filter((c) => (DONE_STATES as readonly string[]).includes(c.state)).length;
    return { learner: user, done, cells };
  });

  return {
    cohort,
    learnerCount,
    submissionCount,
    exercises,
    grid: { page: q.page, pageCount: Math.max(1, Math.ceil(learnerCount / GRID_PAGE_SIZE)), rows },
    sections: sections.map((s) => ({ ...s, totalPairs: s.exercises * learnerCount })),
    activity,
  };
}

/**
 * Per section: done (learner, exercise) pairs and learners who finished it,
 * in one SQL pass: count each member's done exercises per section, then sum
 * those counts (the pairs) and count the members whose count equals the
 * section's size (the finishers). Two separate queries read the same ~20k
 * Progress rows twice.
 */
async function sectionCompletion(db: Db, cohortId: string, exercises: CourseExercise[]) {
  const done = Prisma.join([...DONE_STATES]);
  const rows = await db.$queryRaw<{ sectionId: string; done: unknown; learners: unknown }[]>`
    SELECT t."sectionId" AS "sectionId", SUM(t."done") AS "done",
           SUM(CASE WHEN t."done" = z."size" THEN 1 ELSE 0 END) AS "learners"
    FROM (
      SELECT e."sectionId" AS "sectionId", p."userId" AS "userId", COUNT(*) AS "done"
      FROM "CohortMember" m
      JOIN "Progress" p ON p."userId" = m."userId"
      JOIN "Exercise" e ON e."id" = p."exerciseId" AND e."archivedAt" IS NULL
      WHERE m."cohortId" = ${cohortId} AND p."state" IN (${done})
      GROUP BY e."sectionId", p."userId"
    ) t
    JOIN (
      SELECT e2."sectionId" AS "sectionId", COUNT(*) AS "size"
      FROM "Exercise" e2 WHERE e2."archivedAt" IS NULL
      GROUP BY e2."sectionId"
    ) z ON z."sectionId" = t."sectionId"
    GROUP BY t."sectionId"`;
  const donePairs = new Map(rows.map((r) => [r.sectionId, toNumber(r.done)]));
  const finished = new Map(rows.map((r) => [r.sectionId, toNumber(r.learners)]));
  const sections: Omit<SectionCompletion, "totalPairs">[] = [];
  for (const e of exercises) {
    let s = sections.find((x) => x.id === e.sectionId);
    if (!s) {
      s = {
        id: e.sectionId,
        title: e.sectionTitle,
        exercises: 0,
        donePairs: donePairs.get(e.sectionId) ?? 0,
        learnersFinished: finished.get(e.sectionId) ?? 0,
      };
      sections.push(s);
    }
    s.exercises += 1;
  }
  return sections;
}

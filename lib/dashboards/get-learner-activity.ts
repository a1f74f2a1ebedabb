/**
 * One learner of a cohort, for their instructor: a timeline of submissions
 * (newest first, a page at a time), sections done, time since last activity,
 * and submissions per day. A learner outside the cohort is a 404.
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import type { ProgressState, VerificationState, Verdict } from "../db/generated/enums";
import { parseWith } from "../http/errors";
import { checkCountsBySubmission } from "./check-counts";
import { activityByDay, type DayActivity } from "./activity-by-day";
import { DONE_STATES, findCohortLearner, findDashboardCohort, listCourseExercises } from "./dashboard-cohort";
import { cohortDeadlines, isLate } from "../cohorts/deadlines";

export const TIMELINE_PAGE_SIZE = 50;

export const LearnerActivityQuerySchema = z.object({
  /** Show submissions created before this one (the timeline's "older" link). */
  before: z.string().trim().max(64).optional(),
  days: z.coerce.number("Days must be a number.").int().min(1).max(90).default(28),
});

export type TimelineEntry = {
  id: string;
  createdAt: Date;
  exercise: { id: string; title: string };
  state: VerificationState;
  verdict: Verdict | null;
  checksPassed: number;
  checksFailed: number;
  durationMs: number | null;
  hintsUsed: number;
  /** Made after its section's due date for this cohort. */
  late: boolean;
};

export type LearnerActivity = {
  cohort: { id: string; name: string };
  learner: { id: string; name: string; email: string; joinedAt: Date };
  lastActivityAt: Date | null;
  submissionCount: number;
  sections: { id: string; title: string; exercises: number; done: number }[];
  exercises: { id: string; title: string; state: ProgressState; attempts: number; hintsUsed: number }[];
  timeline: TimelineEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  olderCursor: string | null;
  activity: DayActivity[];
};

export async function getLearnerActivity(
  db: Db,
  actor: SessionUser,
  cohortId: unknown,
  learnerId: unknown,
  query: unknown = {},
  now = new Date(),
): Promise<LearnerActivity> {
  const cohort = await findDashboardCohort(db, actor, cohortId);
  const learner = await findCohortLearner(db, cohort.id, learnerId);
  const q = parseWith(LearnerActivityQuerySchema, query);

  const before = q.before
    ? await db.submission.findFirst({
        where: { id: q.before, userId: learner.id },
        select: { id: true, createdAt: true },
      })
    : null;
  const [courseExercises, progress, stats, page, activity] = await Promise.all([
    listCourseExercises(db),
    db.progress.findMany({
      where: { userId: learner.id },
      select: { exerciseId: true, state: true, attempts: true, hintsUsed: true },
    }),
    db.submission.aggregate({ where: { userId: learner.id }, _count: { _all: true }, _max: { createdAt: true } }),
    db.submission.findMany({
      where: {
        userId: learner.id,
        ...(before
          ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] }
          : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: TIMELINE_PAGE_SIZE + 1,
      select: {
        id: true,
        createdAt: true,
        state: true,
        verdict: true,
        durationMs: true,
        hintsUsed: true,
        exercise: { select: { id: true, title: true, sectionId: true } },
      },
    }),
    activityByDay(db, cohort.id, q.days, now, learner.id),
  ]);
  const due = await cohortDeadlines(db, cohort.id);

  const rows = page.slice(0, TIMELINE_PAGE_SIZE);
  const counts = await checkCountsBySubmission(
    db,
    rows.map((r) => r.id),
  );

  const progressBy = new Map(progress.map((p) => [p.exerciseId, p]));
  const exercises = courseExercises.map((e) => {
    const p = progressBy.get(e.id);
    return {
      id: e.id,
      title: e.title,
      sectionId: e.sectionId,
      sectionTitle: e.sectionTitle,
      state: p?.state ?? ("NOT_STARTED" as const),
      attempts: p?.attempts ?? 0,
      hintsUsed: p?.hintsUsed ?? 0,
    };
  });
  const sections: LearnerActivity["sections"] = [];
  for (const e of exercises) {
    let s = sections.find((x) => x.id === e.sectionId);
    if (!s) sections.push((s = { id: e.sectionId, title: e.sectionTitle, exercises: 0, done: 0 }));
    s.exercises += 1;
    if ((DONE_STATES as readonly string[]).includes(e.state)) s.done += 1;
  }

  return {
    cohort,
    learner: { id: learner.id, name: learner.name, email: learner.email, joinedAt: learner.joinedAt },
    lastActivityAt: stats._max.createdAt ?? null,
    submissionCount: stats._count._all,
    sections,
    exercises: exercises.map(({ id, title, state, attempts, hintsUsed }) => ({
      id,
      title,
      state,
      attempts,
      hintsUsed,
    })),
    timeline: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      exercise: { id: r.exercise.id, title: r.exercise.title },
      state: r.state,
      verdict: r.verdict,
      checksPassed: counts.get(r.id)?.passed ?? 0,
      checksFailed: counts.get(r.id)?.failed ?? 0,
      durationMs: r.durationMs,
      hintsUsed: r.hintsUsed,
      late: isLate(r.createdAt, due.get(r.exercise.sectionId)),
    })),
    olderCursor: page.length > TIMELINE_PAGE_SIZE ? rows[rows.length - 1].id : null,
    activity,
  };
}

/**
 * A learner's progress page: per section and overall, when they last worked,
 * their streak, and how much instructor feedback they have not read yet.
 */
import "server-only";
import { db as appDb } from "../db/client";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { assertCanSolve } from "../submissions/exercise-access";
import { streakDays, streakLookbackStart } from "../progress/streak";
import { loadCourseWithProgress } from "./get-course-map-for-learner";

export type ProgressCounts = { passed: number; attempted: number; total: number };
export type LearnerProgress = {
  sections: ({ id: string; title: string } & ProgressCounts)[];
  overall: ProgressCounts;
  /** ISO 8601 of the latest submission or draft save; null before any. */
  lastActivityAt: string | null;
  /** Consecutive UTC days with a submission, ending today (or yesterday). */
  streakDays: number;
  /** Feedback on the learner's submissions they have not opened. */
  unreadFeedback: number;
};

export async function getProgressForLearner(user: SessionUser, db: Db = appDb): Promise<LearnerProgress> {
  assertCanSolve(user);
  const now = new Date();
  const [{ sections, progressByExercise }, recentSubmissions, lastDraft, unreadFeedback] = await Promise.all([
    loadCourseWithProgress(db, user.id),
    db.submission.findMany({
      where: { userId: user.id, createdAt: { gte: streakLookbackStart(now) } },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    }),
    db.draft.findFirst({ where: { userId: user.id }, orderBy: { updatedAt: "desc" }, select: { updatedAt: true } }),
    db.feedback.count({ where: { readAt: null, submission: { userId: user.id } } }),
  ]);

  const overall: ProgressCounts = { passed: 0, attempted: 0, total: 0 };
  const perSection = sections.map((s) => {
    const counts: ProgressCounts = { passed: 0, attempted: 0, total: s.exercises.length };
    for (const e of s.exercises) {
      const p = progressByExercise.get(e.id);
      if (p?.firstPassedAt) counts.passed += 1;
      else if (p && p.state !== "NOT_STARTED") counts.attempted += 1;
    }
    overall.passed += counts.passed;
    overall.attempted += counts.attempted;
    overall.total += counts.total;
    return { id: s.id, title: s.title, ...counts };
  });

  const candidates = [recentSubmissions[0]?.createdAt, lastDraft?.updatedAt].filter((d): d is Date => Boolean(d));
  const last = candidates.length ? new Date(Math.max(...candidates.map((d) => d.getTime()))) : null;
  return {
    sections: perSection,
    overall,
    lastActivityAt: last?.toISOString() ?? null,
    streakDays: streakDays(
      recentSubmissions.map((s) => s.createdAt),
      now,
    ),
    unreadFeedback,
  };
}

/**
 * The course as one learner sees it: sections in order, whether each has a
 * lesson, and each exercise with the learner's state. Titles and states only.
 */
import "server-only";
import { db as appDb } from "../db/client";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import type { ProgressState } from "../db/generated/enums";
import { assertCanSolve } from "../submissions/exercise-access";
import { isSectionOpen, openSectionIdsFor } from "../cohorts/open-sections";
import { learnerDeadlines } from "../cohorts/deadlines";

export type CourseMapExercise = { id: string; title: string; difficulty: number; state: ProgressState };
export type CourseMapSection = {
  id: string;
  title: string;
  hasLesson: boolean;
  exercises: CourseMapExercise[];
  /** True when none of the learner's cohorts opens this section: show it as "closed by your instructor". */
  closedByInstructor: boolean;
  /** Exercises passed (server verdict or override) out of the section's total. */
  passed: number;
  total: number;
  /** When the learner's cohort wants the section done (the latest of their cohorts'), if ever. */
  dueAt: Date | null;
};

/** The live sections and their live exercises, in course order (titles only). */
export function loadCourse(db: Db) {
  return db.section.findMany({
    where: { archivedAt: null },
    orderBy: { order: "asc" },
    select: {
      id: true,
      title: true,
      lesson: true,
      exercises: {
        where: { archivedAt: null },
        orderBy: { order: "asc" },
        select: { id: true, title: true, difficulty: true },
      },
    },
  });
}

/** Sections and exercises in course order, with this learner's progress rows keyed by exercise. */
export async function loadCourseWithProgress(db: Db, userId: string) {
  const [sections, progress] = await Promise.all([
    loadCourse(db),
    db.progress.findMany({
      where: { userId, exercise: { archivedAt: null } },
      select: { exerciseId: true, state: true, firstPassedAt: true },
    }),
  ]);
  return { sections, progressByExercise: new Map(progress.map((p) => [p.exerciseId, p])) };
}

export async function getCourseMapForLearner(user: SessionUser, db: Db = appDb): Promise<CourseMapSection[]> {
  assertCanSolve(user);
  const [{ sections, progressByExercise }, openSections, due] = await Promise.all([
    loadCourseWithProgress(db, user.id),
    openSectionIdsFor(db, user.id),
    learnerDeadlines(db, user.id),
  ]);
  return sections.map((s) => {
    const exercises = s.exercises.map((e) => ({
      id: e.id,
      title: e.title,
      difficulty: e.difficulty,
      state: progressByExercise.get(e.id)?.state ?? "NOT_STARTED",
    }));
    return {
      id: s.id,
      title: s.title,
      hasLesson: s.lesson.trim().length > 0,
      closedByInstructor: !isSectionOpen(openSections, s.id),
      exercises,
      passed: s.exercises.filter((e) => progressByExercise.get(e.id)?.firstPassedAt).length,
      total: s.exercises.length,
      dueAt: due.get(s.id) ?? null,
    };
  });
}

/**
 * Where to go after `exerciseId`: the first exercise after it in course order
 * that the learner has not passed, in a section open to them; else null.
 */
export async function nextExerciseFor(
  user: SessionUser,
  exerciseId: string,
  db: Db = appDb,
): Promise<{ id: string; title: string } | null> {
  const sections = await getCourseMapForLearner(user, db);
  const order = sections.flatMap((s) => s.exercises.map((e) => ({ ...e, open: !s.closedByInstructor })));
  const at = order.findIndex((e) => e.id === exerciseId);
  const next = order.slice(at + 1).find((e) => e.open && e.state !== "PASSED");
  return next ? { id: next.id, title: next.title } : null;
}

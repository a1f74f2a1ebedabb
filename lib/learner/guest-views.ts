/**
 * What someone who has not signed in may try: the course map, the lessons
 * and an exercise's task with its starter and VISIBLE checks, run in their
 * own browser. Nothing here is anyone's data; hidden checks and reference
 * solutions are never read (explicit selects), hints and submitting need an
 * account.
 */
import "server-only";
import { db as appDb } from "../db/client";
import type { Db } from "../db/create-client";
import { findLiveExercise } from "../submissions/exercise-access";
import { loadCourse, type CourseMapSection } from "./get-course-map-for-learner";
import { TASK_SELECT, taskView, type LearnerExerciseView } from "./get-exercise-for-learner";

/** The course in order, every exercise "not started", every section open, no due dates. */
export async function getCourseMapForGuest(db: Db = appDb): Promise<CourseMapSection[]> {
  const sections = await loadCourse(db);
  return sections.map((s) => ({
    id: s.id,
    title: s.title,
    hasLesson: s.lesson.trim().length > 0,
    closedByInstructor: false,
    exercises: s.exercises.map((e) => ({ id: e.id, title: e.title, difficulty: e.difficulty, state: "NOT_STARTED" })),
    passed: 0,
    total: s.exercises.length,
    dueAt: null,
  }));
}

/** An exercise as a guest sees it: no draft, progress, hints' texts or solution. */
export async function getExerciseForGuest(exerciseId: string, db: Db = appDb): Promise<LearnerExerciseView> {
  const exercise = await findLiveExercise(db, exerciseId, TASK_SELECT);
  return { ...taskView(exercise), revealedHints: [], draft: null, progress: null, solution: null };
}

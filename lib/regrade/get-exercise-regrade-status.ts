/**
 * For an exercise's regrade page: how many of the latest submissions in the
 * actor's scope were graded against other checks than the exercise's current
 * ones. Each verification stores the content hash it graded against
 * (Submission.exerciseHash), so "stale" is a plain comparison with
 * Exercise.contentHash — a content sync that changed the checks makes those
 * verdicts stale at once.
 */
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { notFound } from "../auth/errors";
import { latestSubmissions, resolveRegradeScope } from "./regrade-scope";

export type ExerciseRegradeStatus = {
  exercise: { id: string; title: string; path: string; contentHash: string; archived: boolean };
  /** Latest submissions (one per learner in scope) with a verdict that could be regraded. */
  gradable: number;
  /** Of those, graded against another content hash. */
  stale: number;
  /** Latest submissions still waiting for their first verification (graded with the current checks anyway). */
  pending: number;
};

export async function getExerciseRegradeStatus(
  db: Db,
  actor: SessionUser,
  exerciseId: unknown,
  cohortId?: unknown,
): Promise<ExerciseRegradeStatus> {
  const { submissions } = await resolveRegradeScope(db, actor, { exerciseId, cohortId });
  const exercise = await db.exercise.findUnique({
    where: { id: String(exerciseId) },
    select: { id: true, title: true, path: true, contentHash: true, archivedAt: true },
  });
  if (!exercise) throw notFound("Exercise");
  const latest = await latestSubmissions(db, submissions);
  const gradable = latest.filter((s) => s.state === "DONE" || s.state === "ERRORED");
  return {
    exercise: {
      id: exercise.id,
      title: exercise.title,
      path: exercise.path,
      contentHash: exercise.contentHash,
      archived: exercise.archivedAt !== null,
    },
    gradable: gradable.length,
    stale: gradable.filter((s) => s.exerciseHash !== exercise.contentHash).length,
    pending: latest.length - gradable.length,
  };
}

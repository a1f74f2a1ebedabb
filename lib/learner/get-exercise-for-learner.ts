/**
 * What a learner's exercise page receives. Built field by field from an
 * explicit select: hidden checks are filtered out here, and the solution is
 * not even read from the database unless the learner has passed (server
 * verdict or an instructor's override) and no cohort of theirs hides it.
 */
import "server-only";
import { z } from "zod";
import { db as appDb } from "../db/client";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { CheckFileSchema, type CheckFile } from "../grading/result";
import type { ProgressState } from "../db/generated/enums";
import { assertCanSolve, findLiveExercise } from "../submissions/exercise-access";
import { HintsSchema, revealedHintsFor } from "../progress/reveal-hint";
import { assertSectionOpenFor } from "../cohorts/open-sections";

export type LearnerExerciseView = {
  id: string;
  title: string;
  sectionId: string;
  sectionTitle: string;
  prompt: string;
  starter: string;
  /** Visible checks only: they run in the browser. Hidden ones never leave the server. */
  visibleChecks: CheckFile[];
  hintCount: number;
  revealedHints: string[];
  limits: { timeLimitMs: number; memoryLimitMb: number };
  /** updatedAt is ISO 8601. */
  draft: { code: string; updatedAt: string } | null;
  /** firstPassedAt is ISO 8601. */
  progress: { state: ProgressState; attempts: number; firstPassedAt: string | null } | null;
  /** Only after the learner passed. */
  solution: string | null;
};

/** What an exercise page reads of an exercise (never `solution`; hidden checks are dropped below). */
export const TASK_SELECT = {
  id: true,
  title: true,
  sectionId: true,
  section: { select: { title: true } },
  prompt: true,
  starter: true,
  checks: true,
  hints: true,
  timeLimitMs: true,
  memoryLimitMb: true,
} as const;

type TaskRow = Awaited<ReturnType<typeof findLiveExercise<typeof TASK_SELECT>>>;

/** The task as anyone may see it: visible checks only, the hints counted but not revealed. */
export function taskView(exercise: TaskRow) {
  return {
    id: exercise.id,
    title: exercise.title,
    sectionId: exercise.sectionId,
    sectionTitle: exercise.section.title,
    prompt: exercise.prompt,
    starter: exercise.starter,
    visibleChecks: z
      .array(CheckFileSchema)
      .parse(exercise.checks)
      .filter((c) => c.visibility === "visible"),
    hintCount: HintsSchema.parse(exercise.hints).length,
    limits: { timeLimitMs: exercise.timeLimitMs, memoryLimitMb: exercise.memoryLimitMb },
  };
}

export async function getExerciseForLearner(
  user: SessionUser,
  exerciseId: string,
  db: Db = appDb,
): Promise<LearnerExerciseView> {
  assertCanSolve(user);
  const exercise = await findLiveExercise(db, exerciseId, TASK_SELECT);
  // Before anything else is read: a closed section's exercise is refused (403 with a message).
  await assertSectionOpenFor(db, user.id, exercise.sectionId);
  const key = { userId_exerciseId: { userId: user.id, exerciseId: exercise.id } };
  const [draft, progress] = await Promise.all([
    db.draft.findUnique({ where: key, select: { code: true, updatedAt: true } }),
    db.progress.findUnique({ where: key, select: { state: true, attempts: true, firstPassedAt: true } }),
  ]);
  return {
    ...taskView(exercise),
    revealedHints: await revealedHintsFor(db, user.id, exercise.id, HintsSchema.parse(exercise.hints)),
    draft: draft ? { code: draft.code, updatedAt: draft.updatedAt.toISOString() } : null,
    progress: progress
      ? {
          state: progress.state,
          attempts: progress.attempts,
          firstPassedAt: progress.firstPassedAt?.toISOString() ?? null,
        }
      : null,
    solution: progress?.firstPassedAt ? await solutionIfShown(db, user.id, exercise.id) : null,
  };
}

/** Called only for a learner who passed: a cohort may still keep solutions hidden. */
async function solutionIfShown(db: Db, userId: string, exerciseId: string): Promise<string | null> {
  const hiding = await db.cohortMember.count({
    where: { userId, cohort: { archivedAt: null, showSolutionAfterPass: false } },
  });
  if (hiding > 0) return null;
  const row = await db.exercise.findUniqueOrThrow({ where: { id: exerciseId }, select: { solution: true } });
  return row.solution;
}

/**
 * The one gate every learner command and query passes: the caller may solve
 * exercises, and the exercise is live (not archived, nor its section).
 * Unknown and archived exercises look the same (404), so ids cannot be probed.
 */
import type { Db } from "../db/create-client";
import type { Prisma } from "../db/generated/client";
import { forbidden, notFound } from "../auth/errors";
import { assertSectionOpenFor } from "../cohorts/open-sections";
import { can } from "../auth/permissions";
import type { SessionUser } from "../auth/session";

export function assertCanSolve(user: SessionUser): void {
  if (!can(user.role, "exercise:solve")) throw forbidden("solve exercises");
}

/** Select only what the caller asks for: learner paths must not load `solution` or `checks` by accident. */
export async function findLiveExercise<S extends Prisma.ExerciseSelect>(
  db: Db,
  exerciseId: string,
  select: S,
): Promise<Prisma.ExerciseGetPayload<{ select: S }>> {
  // No id has a NUL (PostgreSQL could not even compare one): unknown, like any other.
  if (
    typeof exerciseId !== "string" ||
    exerciseId.length === 0 ||
    exerciseId.length > 64 ||
    exerciseId.includes("\u0000")
  ) {
    throw notFound("Exercise");
  }
  const exercise = await db.exercise.findFirst({
    where: { id: exerciseId, archivedAt: null, section: { archivedAt: null } },
    select,
  });
  if (!exercise) throw notFound("Exercise");
  return exercise as Prisma.ExerciseGetPayload<{ select: S }>;
}

/**
 * For a learner's work on an exercise (view, draft, hint, submit): live, and
 * in a section the learner's cohorts open — otherwise 403 with a message.
 */
export async function findExerciseOpenTo<S extends Prisma.ExerciseSelect>(
  db: Db,
  user: SessionUser,
  exerciseId: string,
  select: S,
): Promise<Prisma.ExerciseGetPayload<{ select: S }>> {
  // The section is checked before anything else is read (a closed section's
  // exercise loads nothing more); read on its own so the select stays the caller's.
  const { sectionId } = await findLiveExercise(db, exerciseId, { sectionId: true });
  await assertSectionOpenFor(db, user.id, sectionId);
  return findLiveExercise(db, exerciseId, select);
}

/**
 * Hints are revealed in order: a learner may open the next hint or re-open one
 * already seen, never skip ahead. Revealing is idempotent (one HintReveal row
 * per hint), so a double click or a second tab costs nothing, and the count
 * recorded with each submission is exact.
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { HttpError, parseWith } from "../http/errors";
import { assertCanSolve, findExerciseOpenTo } from "../submissions/exercise-access";
import { recomputeProgress } from "./recompute-progress";

export const RevealHintSchema = z.object({
  index: z.int({ error: "index must be a whole number" }).min(0, "index must be 0 or more"),
});

export const HintsSchema = z.array(z.string());

export type RevealedHints = { hints: string[]; hintsUsed: number };

export async function revealHint(
  db: Db,
  user: SessionUser,
  exerciseId: string,
  input: unknown,
): Promise<RevealedHints> {
  assertCanSolve(user);
  const { index } = parseWith(RevealHintSchema, input);
  const exercise = await findExerciseOpenTo(db, user, exerciseId, { id: true, hints: true });
  const hints = HintsSchema.parse(exercise.hints);
  if (index >= hints.length) {
    throw new HttpError(400, `This exercise has ${hints.length} hints.`, { index: `must be below ${hints.length}` });
  }
  const where = { userId: user.id, exerciseId: exercise.id };
  const revealed = await db.hintReveal.count({ where });
  if (index > revealed) {
    throw new HttpError(400, "Open the hints in order: the next one is hint " + (revealed + 1) + ".", {
      index: `must be at most ${revealed}`,
    });
  }
  if (index === revealed) {
    try {
      await db.hintReveal.create({ data: { ...where, hintIndex: index } });
    } catch (error) {
      // Two tabs revealed the same hint at once: the row exists, which is all we wanted.
      if (!(error instanceof Error && "code" in error && error.code === "P2002")) throw error;
    }
    await recomputeProgress(db, user.id, exercise.id);
  }
  const hintsUsed = await db.hintReveal.count({ where });
  return { hints: hints.slice(0, hintsUsed), hintsUsed };
}

/** The hints a learner has opened (a prefix of the list, by the rule above). */
export async function revealedHintsFor(db: Db, userId: string, exerciseId: string, hints: string[]): Promise<string[]> {
  const count = await db.hintReveal.count({ where: { userId, exerciseId } });
  return hints.slice(0, count);
}

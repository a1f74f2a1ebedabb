/**
 * The editor's autosave: one draft per (learner, exercise), overwritten.
 * Drafts are what a learner gets back on reopening an exercise; submissions
 * are the graded history.
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { parseWith } from "../http/errors";
import { assertCodeFits } from "./code-limits";
import { assertCanSolve, findExerciseOpenTo } from "./exercise-access";

export const SaveDraftSchema = z.object({ code: z.string({ error: "code must be a string" }) });

export async function saveDraft(
  db: Db,
  user: SessionUser,
  exerciseId: string,
  input: unknown,
): Promise<{ savedAt: string }> {
  assertCanSolve(user);
  const { code } = parseWith(SaveDraftSchema, input);
  assertCodeFits(code);
  const exercise = await findExerciseOpenTo(db, user, exerciseId, { id: true });
  const draft = await db.draft.upsert({
    where: { userId_exerciseId: { userId: user.id, exerciseId: exercise.id } },
    create: { userId: user.id, exerciseId: exercise.id, code },
    update: { code },
    select: { updatedAt: true },
  });
  return { savedAt: draft.updatedAt.toISOString() };
}

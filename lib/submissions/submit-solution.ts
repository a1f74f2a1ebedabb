/**
 * A learner submits code. The code is stored first — one INSERT, state
 * QUEUED — and only then handed to the verifier, so nothing that happens
 * during verification (a timeout, a crash, a restart) can lose it.
 *
 * The browser's verdict is stored as `clientVerdict` and never counts: the
 * server runs every check, hidden ones included, and its verdict alone moves
 * progress.
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { parseWith } from "../http/errors";
import { Verdict } from "../db/generated/enums";
import { assertCodeFits } from "./code-limits";
import { assertSectionOpenFor } from "../cohorts/open-sections";
import { assertCanSolve, findLiveExercise } from "./exercise-access";
import { assertSubmissionRateOk } from "./submission-rate-limit";
import { SUBMISSION_DTO_SELECT, toSubmissionDTO, type SubmissionDTO } from "./submission-dto";
import type { VerificationQueue } from "./verification-queue";

export const SubmitSolutionSchema = z.object({
  code: z.string({ error: "code must be a string" }),
  clientVerdict: z.enum(Object.values(Verdict) as [Verdict, ...Verdict[]]).optional(),
});
export type SubmitSolutionInput = z.infer<typeof SubmitSolutionSchema>;

export async function submitSolution(
  db: Db,
  user: SessionUser,
  exerciseId: string,
  input: unknown,
  queue: Pick<VerificationQueue, "enqueue">,
): Promise<SubmissionDTO> {
  assertCanSolve(user);
  const { code, clientVerdict } = parseWith(SubmitSolutionSchema, input);
  assertCodeFits(code);
  // One read for the gate and the insert (findExerciseOpenTo reads twice to keep
  // a caller's select minimal; nothing here is secret, and this is the hot path).
  const exercise = await findLiveExercise(db, exerciseId, { id: true, contentHash: true, sectionId: true });
  await assertSectionOpenFor(db, user.id, exercise.sectionId);
  await assertSubmissionRateOk(db, user.id);
  const hintsUsed = await db.hintReveal.count({ where: { userId: user.id, exerciseId: exercise.id } });

  const row = await db.submission.create({
    data: {
      userId: user.id,
      exerciseId: exercise.id,
      code,
      clientVerdict: clientVerdict ?? null,
      state: "QUEUED",
      exerciseHash: exercise.contentHash,
      hintsUsed,
    },
    select: SUBMISSION_DTO_SELECT,
  });
  queue.enqueue(row.id);
  return toSubmissionDTO(row);
}

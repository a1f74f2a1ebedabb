/**
 * A learner submits code. The code is stored first — the submission, state
 * QUEUED, with its verification job (lib/jobs) in one transaction — and only
 * then verified by whichever worker claims the job, so nothing that happens
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
import { enqueueJobs, submissionJob } from "../jobs/enqueue";

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
  /** This process's job runner, told to look now (the job row is what counts; any worker may take it). */
  wake: { nudge(): void },
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

  // The submission and its verification job in one transaction: neither exists without the other.
  const row = await db.$transaction(async (tx) => {
    const created = await tx.submission.create({
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
    await enqueueJobs(tx, [submissionJob(created.id)]);
    return created;
  });
  wake.nudge();
  return toSubmissionDTO(row);
}

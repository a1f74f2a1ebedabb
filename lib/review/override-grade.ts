/**
 * An instructor overrides the verdict that counts for a learner's exercise
 * (e.g. a check was too strict, or a pass was gamed). The audit row and the
 * override land in one transaction, then progress is recomputed — the
 * recomputation honours the override both ways (lib/progress/recompute-progress.ts).
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { parseWith } from "../http/errors";
import { recomputeProgress } from "../progress/recompute-progress";
import { findReviewableSubmission } from "./review-access";

export const OverrideGradeSchema = z.object({
  verdict: z.enum(["PASSED", "FAILED", "ERROR", "TIMEOUT", "CRASHED"], "Choose a verdict."),
  reason: z
    .string("Give a reason for the override.")
    .trim()
    .min(5, "Give a reason for the override (at least 5 characters).")
    .max(2_000, "Keep the reason under 2000 characters."),
});
export type OverrideGradeInput = z.input<typeof OverrideGradeSchema>;

export async function overrideGrade(db: Db, actor: SessionUser, submissionId: unknown, input: unknown) {
  const submission = await findReviewableSubmission(db, actor, submissionId);
  const { verdict, reason } = parseWith(OverrideGradeSchema, input);
  const key = { userId_exerciseId: { userId: submission.userId, exerciseId: submission.exerciseId } };

  return db.$transaction(async (tx) => {
    const progress = await tx.progress.findUnique({ where: key, select: { overrideVerdict: true } });
    // "From" is what counted before: an earlier override, else this submission's server verdict.
    const fromVerdict = progress?.overrideVerdict ?? (submission.verdict as OverrideGradeInput["verdict"] | null);
    const audit = await tx.gradeOverride.create({
      data: { submissionId: submission.id, actorId: actor.id, fromVerdict, toVerdict: verdict, reason },
      select: { id: true, fromVerdict: true, toVerdict: true, reason: true, createdAt: true },
    });
    await tx.progress.upsert({
      where: key,
      create: { userId: submission.userId, exerciseId: submission.exerciseId, overrideVerdict: verdict },
      update: { overrideVerdict: verdict },
    });
    const updated = await recomputeProgress(tx, submission.userId, submission.exerciseId);
    return { override: audit, progress: { state: updated.state, overrideVerdict: verdict } };
  });
}

/**
 * An instructor's review of one submission: a Markdown comment, optional
 * comments on lines of the code, and optionally a status. APPROVED marks a
 * passed exercise REVIEWED (recomputation keeps the mark while it passes);
 * NEEDS_REVISION takes a REVIEWED mark back, and the state falls back to what
 * the submissions say.
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { HttpError, parseWith } from "../http/errors";
import { splitLines } from "../diff/line-diff";
import { recomputeProgress } from "../progress/recompute-progress";
import { findReviewableSubmission } from "./review-access";

export const FEEDBACK_BODY_MAX = 10_000;
export const LINE_COMMENT_MAX = 2_000;

export const GiveFeedbackSchema = z
  .object({
    body: z.string().trim().max(FEEDBACK_BODY_MAX, `Keep the feedback under ${FEEDBACK_BODY_MAX} characters.`),
    status: z.enum(["APPROVED", "NEEDS_REVISION"]).optional(),
    lineComments: z
      .array(
        z.object({
          line: z.number().int().positive(),
          body: z.string().trim().min(1, "A line comment needs text.").max(LINE_COMMENT_MAX),
        }),
      )
      .max(200)
      .default([]),
  })
  .refine((f) => f.body.length > 0 || f.lineComments.length > 0 || f.status !== undefined, {
    message: "Write a comment, comment on a line, or choose a status.",
    path: ["body"],
  });
export type GiveFeedbackInput = z.input<typeof GiveFeedbackSchema>;

export async function giveFeedback(db: Db, actor: SessionUser, submissionId: unknown, input: unknown) {
  const submission = await findReviewableSubmission(db, actor, submissionId);
  const feedback = parseWith(GiveFeedbackSchema, input);

  const lineCount = splitLines(submission.code).length;
  const outside = feedback.lineComments.find((c) => c.line > lineCount);
  if (outside) {
    throw new HttpError(400, `Line ${outside.line} is not in the code (it has ${lineCount} lines).`, {
      lineComments: `Line ${outside.line} does not exist.`,
    });
  }

  return db.$transaction(async (tx) => {
    const created = await tx.feedback.create({
      data: {
        submissionId: submission.id,
        authorId: actor.id,
        body: feedback.body,
        status: feedback.status ?? null,
        lineComments: { create: feedback.lineComments.map((c) => ({ line: c.line, body: c.body })) },
      },
      select: {
        id: true,
        body: true,
        status: true,
        createdAt: true,
        lineComments: { select: { line: true, body: true } },
      },
    });
    const key = { userId_exerciseId: { userId: submission.userId, exerciseId: submission.exerciseId } };
    if (feedback.status === "APPROVED") {
      const progress = await recomputeProgress(tx, submission.userId, submission.exerciseId);
      // Approving work that does not pass (yet) is feedback, not a grade.
      if (progress.firstPassedAt) await tx.progress.update({ where: key, data: { state: "REVIEWED" } });
    } else if (feedback.status === "NEEDS_REVISION") {
      const existing = await tx.progress.findUnique({ where: key, select: { state: true } });
      // Clear the instructor's REVIEWED mark first; recompute then derives the state from the submissions.
      if (existing?.state === "REVIEWED") await tx.progress.update({ where: key, data: { state: "ATTEMPTED" } });
      await recomputeProgress(tx, submission.userId, submission.exerciseId);
    }
    return created;
  });
}

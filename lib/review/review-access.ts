/**
 * The gate every review command passes: the actor may review, the submission
 * exists, and its learner is one the actor may see. A submission outside the
 * actor's cohorts answers 404 like a missing one, so ids cannot be probed.
 */
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { AuthError, forbidden, notFound } from "../auth/errors";
import { can } from "../auth/permissions";
import { assertCanViewLearner } from "../cohorts/learner-access";

export async function findReviewableSubmission(
  db: Db,
  actor: SessionUser,
  submissionId: unknown,
): Promise<{ id: string; userId: string; exerciseId: string; code: string; verdict: string | null }> {
  if (!can(actor.role, "submission:review")) throw forbidden("review submissions");
  if (typeof submissionId !== "string" || submissionId.length === 0 || submissionId.length > 64) {
    throw notFound("Submission");
  }
  const submission = await db.submission.findUnique({
    where: { id: submissionId },
    select: { id: true, userId: true, exerciseId: true, code: true, verdict: true },
  });
  if (!submission) throw notFound("Submission");
  try {
    await assertCanViewLearner(db, actor, submission.userId);
  } catch (e) {
    // Same answer as a missing submission: the learner's existence is not leaked either.
    if (e instanceof AuthError && e.status === 404) throw notFound("Submission");
    throw e;
  }
  return submission;
}

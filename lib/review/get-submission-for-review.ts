/**
 * Everything an instructor needs to review one submission: the code, what
 * came before it (the learner's previous submission and the starter), the
 * server's full result including hidden checks, time and hints spent, the
 * learner's history on the exercise, and feedback already given. Reviewer
 * audience only: never hand this DTO to a learner.
 */
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { CheckResultSchema, type CheckResult } from "../grading/result";
import { findReviewableSubmission } from "./review-access";

export type SubmissionForReview = Awaited<ReturnType<typeof getSubmissionForReview>>;

export async function getSubmissionForReview(db: Db, actor: SessionUser, submissionId: unknown) {
  const { id, userId, exerciseId } = await findReviewableSubmission(db, actor, submissionId);

  const [submission, history, feedback, overrides, progress, firstDraftOrSubmission] = await Promise.all([
    db.submission.findUniqueOrThrow({
      where: { id },
      select: {
        id: true,
        code: true,
        createdAt: true,
        state: true,
        verdict: true,
        clientVerdict: true,
        result: true,
        durationMs: true,
        verifiedAt: true,
        hintsUsed: true,
        errorMessage: true,
        user: { select: { id: true, name: true, email: true } },
        exercise: { select: { id: true, title: true, starter: true, hints: true } },
      },
    }),
    db.submission.findMany({
      where: { userId, exerciseId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        createdAt: true,
        state: true,
        verdict: true,
        code: true,
        _count: { select: { feedback: true } },
      },
    }),
    db.feedback.findMany({
      where: { submission: { userId, exerciseId } },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        submissionId: true,
        body: true,
        status: true,
        createdAt: true,
        readAt: true,
        author: { select: { name: true } },
        lineComments: { orderBy: { line: "asc" }, select: { id: true, line: true, body: true } },
      },
    }),
    db.gradeOverride.findMany({
      where: { submission: { userId, exerciseId } },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        submissionId: true,
        fromVerdict: true,
        toVerdict: true,
        reason: true,
        createdAt: true,
        actor: { select: { name: true } },
      },
    }),
    db.progress.findUnique({
      where: { userId_exerciseId: { userId, exerciseId } },
      select: { state: true, overrideVerdict: true, attempts: true, hintsUsed: true },
    }),
    db.submission.findFirst({
      where: { userId, exerciseId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { createdAt: true },
    }),
  ]);

  const index = history.findIndex((h) => h.id === id);
  const previous = index > 0 ? history[index - 1] : null;
  const parsed = submission.result === null ? null : CheckResultSchema.safeParse(submission.result);
  const result: CheckResult | null = parsed?.success ? parsed.data : null;
  const hintCount = Array.isArray(submission.exercise.hints) ? submission.exercise.hints.length : 0;

  return {
    id: submission.id,
    code: submission.code,
    createdAt: submission.createdAt,
    state: submission.state,
    verdict: submission.verdict,
    clientVerdict: submission.clientVerdict,
    errorMessage: submission.errorMessage,
    /** The full server result: visible and hidden checks, output included. */
    result,
    /** A stored result that no longer parses is shown as such, not silently dropped. */
    resultUnreadable: submission.result !== null && result === null,
    verificationMs: submission.durationMs,
    /** From the learner's first submission on this exercise to this one. */
    timeSinceFirstSubmissionMs: firstDraftOrSubmission
      ? submission.createdAt.getTime() - firstDraftOrSubmission.createdAt.getTime()
      : 0,
    hintsUsed: submission.hintsUsed,
    hintCount,
    learner: submission.user,
    exercise: { id: submission.exercise.id, title: submission.exercise.title, starter: submission.exercise.starter },
    previous: previous ? { id: previous.id, code: previous.code, createdAt: previous.createdAt } : null,
    history: history.map((h, i) => ({
      id: h.id,
      number: i + 1,
      createdAt: h.createdAt,
      state: h.state,
      verdict: h.verdict,
      feedbackCount: h._count.feedback,
    })),
    feedback,
    overrides,
    progress,
  };
}

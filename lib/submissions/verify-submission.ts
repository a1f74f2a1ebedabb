/**
 * One verification of one stored submission: claim it, run every check
 * (visible and hidden) in the sandboxed verifier, and store the outcome with
 * the recomputed progress in one transaction — so a verdict and the progress
 * it implies are never seen apart.
 *
 * What can go wrong, and what happens:
 * - the learner's code fails, times out, crashes the interpreter: that is a
 *   verdict (FAILED / ERROR / TIMEOUT / CRASHED), stored like a pass;
 * - the pool itself throws (cannot start processes, closed while running):
 *   back to QUEUED for one more try, then ERRORED with a message the learner sees;
 * - the verifier process dies without an answer (a crash, the OS killing it,
 *   a reply that does not parse): the pool already retried it once on another
 *   process, so the second death ends in ERRORED with a message the learner
 *   sees (VERIFIER_CRASHED_MESSAGE), not in a verdict;
 * - the server dies mid-verification: the row stays RUNNING, and the resume at
 *   the next start claims it again — the attempts counter makes that the retry.
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import { CheckFileSchema, type CheckResult, type RunStatus } from "../grading/result";
import type { Verdict } from "../db/generated/enums";
import type { VerifierPool } from "../verifier/pool";
import { recomputeProgress } from "../progress/recompute-progress";

/** The first try and one retry. */
export const MAX_VERIFICATION_ATTEMPTS = 2;

export const VERIFICATION_FAILED_MESSAGE =
  "The server could not check this submission. Your code is saved; please submit it again in a few minutes.";

export const VERIFIER_CRASHED_MESSAGE =
  "The server could not check this submission: the checking process stopped twice without an answer. " +
  "This can happen when code uses a great deal of memory or stops the Python interpreter. " +
  "Your code is saved; check it with Run, then submit it again.";

const VERDICT_BY_STATUS: Record<RunStatus, Verdict> = {
  passed: "PASSED",
  failed: "FAILED",
  error: "ERROR",
  timeout: "TIMEOUT",
  crashed: "CRASHED",
};

export function verdictOf(result: CheckResult): Verdict {
  return VERDICT_BY_STATUS[result.status];
}

export type VerifyOutcome =
  | { kind: "done"; verdict: Verdict }
  /** The pool failed; the submission is QUEUED again and should be enqueued again. */
  | { kind: "retry"; error: string }
  | { kind: "errored"; error: string }
  /** Already verified (or gone): nothing to do. */
  | { kind: "skipped" };

export async function verifySubmission(db: Db, pool: VerifierPool, submissionId: string): Promise<VerifyOutcome> {
  // The claim is conditional, so a DONE or ERRORED submission is never run again.
  const claimed = await db.submission.updateMany({
    where: { id: submissionId, state: { in: ["QUEUED", "RUNNING"] } },
    data: { state: "RUNNING", attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return { kind: "skipped" };

  const submission = await db.submission.findUniqueOrThrow({
    where: { id: submissionId },
    select: {
      userId: true,
      exerciseId: true,
      code: true,
      attempts: true,
      exercise: { select: { checks: true, timeLimitMs: true, memoryLimitMb: true, contentHash: true } },
    },
  });
  if (submission.attempts > MAX_VERIFICATION_ATTEMPTS) {
    // Claimed twice before without finishing: the server died while running it
    // both times. Do not let one submission take the server down forever.
    return markErrored(db, submissionId, `claimed ${submission.attempts} times without finishing`);
  }

  const checks = z.array(CheckFileSchema).safeParse(submission.exercise.checks);
  if (!checks.success) {
    // Content problem, not a transient one: retrying cannot help.
    return markErrored(db, submissionId, `exercise checks do not parse: ${checks.error.message}`);
  }

  let result: CheckResult;
  let processFailure: string | null;
  const startedAt = performance.now();
  try {
    ({ result, processFailure } = await pool.verifyDetailed({
      code: submission.code,
      checks: checks.data,
      timeLimitMs: submission.exercise.timeLimitMs,
      memoryLimitBytes: submission.exercise.memoryLimitMb * 1024 * 1024,
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (submission.attempts < MAX_VERIFICATION_ATTEMPTS) {
      await db.submission.updateMany({ where: { id: submissionId, state: "RUNNING" }, data: { state: "QUEUED" } });
      return { kind: "retry", error: message };
    }
    return markErrored(db, submissionId, message);
  }
  if (processFailure !== null) {
    return markErrored(db, submissionId, `verifier process died twice: ${processFailure}`, VERIFIER_CRASHED_MESSAGE);
  }
  // Wall time as the learner experienced it, including a wait for a warm process.
  const durationMs = Math.round(performance.now() - startedAt);
  const verdict = verdictOf(result);

  await db.$transaction(async (tx) => {
    await tx.submission.update({
      where: { id: submissionId },
      data: {
        state: "DONE",
        verdict,
        result,
        durationMs,
        verifiedAt: new Date(),
        // The hash the verdict belongs to: a later content change makes it regradable.
        exerciseHash: submission.exercise.contentHash,
        errorMessage: null,
      },
    });
    await tx.checkOutcome.deleteMany({ where: { submissionId } });
    if (result.tests.length > 0) {
      await tx.checkOutcome.createMany({
        data: result.tests.map((t) => ({ submissionId, name: t.name, status: t.status, visibility: t.visibility })),
      });
    }
    await recomputeProgress(tx, submission.userId, submission.exerciseId);
  });
  return { kind: "done", verdict };
}

async function markErrored(
  db: Db,
  submissionId: string,
  internalReason: string,
  learnerMessage: string = VERIFICATION_FAILED_MESSAGE,
): Promise<VerifyOutcome> {
  // The learner sees a plain message; the internal reason goes to the server log.
  await db.submission.update({
    where: { id: submissionId },
    data: { state: "ERRORED", errorMessage: learnerMessage },
  });
  return { kind: "errored", error: internalReason };
}

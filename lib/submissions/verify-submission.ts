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
 *   sees (VERIFIER_CRASHED_MESSAGE), not in a verdict (store-verdict.ts, the
 *   same rule as a regrade);
 * - the worker dies mid-verification: the row stays RUNNING, its job's lease
 *   runs out and another worker claims it again (lib/jobs) — the attempts
 *   counter makes that the retry.
 *
 * Every write that settles the submission is conditional on the job's lease
 * (lib/jobs/lease.ts): a worker that lost its lease stores nothing.
 */
import type { Db } from "../db/create-client";
import type { Verdict } from "../db/generated/enums";
import type { VerifierPool } from "../verifier/pool";
import { claimSubmission, notifyVerdictSettled } from "../db/job-queue-sql";
import { finishJob, releaseJob, underLease, type Lease } from "../jobs/lease";
import { storeVerdict, VERIFICATION_FAILED_MESSAGE, verifyOnPool } from "./store-verdict";
import { verificationSpec } from "./verification-spec";

export { VERIFICATION_FAILED_MESSAGE, VERIFIER_CRASHED_MESSAGE, verdictOf } from "./store-verdict";

/** The first try and one retry. */
export const MAX_VERIFICATION_ATTEMPTS = 2;

export type VerifyOutcome =
  | { kind: "done"; verdict: Verdict }
  /** The pool failed; the submission and its job are QUEUED again for another worker (or this one). */
  | { kind: "retry"; error: string }
  | { kind: "errored"; error: string }
  /** Already verified (or gone): nothing to do. */
  | { kind: "skipped" }
  /** The lease ran out and another worker took the job over: this run stored nothing. */
  | { kind: "lost" };

export async function verifySubmission(
  db: Db,
  pool: VerifierPool,
  submissionId: string,
  lease: Lease,
): Promise<VerifyOutcome> {
  // The claim is conditional, so a DONE or ERRORED submission is never run again,
  // and counts a try only while this worker holds the job.
  const submission = await claimSubmission(db, submissionId, lease);
  if (!submission) {
    // Settled already (its job is finished) or the lease is gone (nothing is stored).
    const finished = await underLease(() => db.$transaction((tx) => finishJob(tx, lease)));
    return finished ? { kind: "skipped" } : { kind: "lost" };
  }
  if (submission.attempts > MAX_VERIFICATION_ATTEMPTS) {
    // Claimed twice before without finishing: the server died while running it
    // both times. Do not let one submission take the server down forever.
    return markErrored(db, lease, submissionId, `claimed ${submission.attempts} times without finishing`);
  }

  const lookup = await verificationSpec(db, submission.exerciseId, submission.contentHash);
  // Content problem, not a transient one: retrying cannot help.
  if (!lookup.ok) return markErrored(db, lease, submissionId, lookup.error);
  const { spec } = lookup;
  const outcome = await verifyOnPool(pool, {
    code: submission.code,
    checks: spec.checks,
    timeLimitMs: spec.timeLimitMs,
    memoryLimitMb: spec.memoryLimitMb,
  });
  if (outcome.kind === "failed") {
    if (outcome.retryable && submission.attempts < MAX_VERIFICATION_ATTEMPTS) {
      const released = await db.$transaction(async (tx) => {
        if (!(await releaseJob(tx, lease))) return false;
        await tx.submission.updateMany({ where: { id: submissionId, state: "RUNNING" }, data: { state: "QUEUED" } });
        return true;
      });
      return released ? { kind: "retry", error: outcome.reason } : { kind: "lost" };
    }
    return markErrored(db, lease, submissionId, outcome.reason, outcome.learnerMessage);
  }

  const stored = await underLease(() =>
    db.$transaction(async (tx) => {
      await finishJob(tx, lease);
      await storeVerdict(tx, {
        submissionId,
        userId: submission.userId,
        exerciseId: submission.exerciseId,
        result: outcome.result,
        verdict: outcome.verdict,
        exerciseHash: spec.contentHash,
        durationMs: outcome.durationMs,
        verifiedAt: null,
        regrade: false,
      });
    }),
  );
  return stored ? { kind: "done", verdict: outcome.verdict } : { kind: "lost" };
}

async function markErrored(
  db: Db,
  lease: Lease,
  submissionId: string,
  internalReason: string,
  learnerMessage: string = VERIFICATION_FAILED_MESSAGE,
): Promise<VerifyOutcome> {
  // The learner sees a plain message; the internal reason goes to the server log.
  const stored = await underLease(() =>
    db.$transaction(async (tx) => {
      await finishJob(tx, lease);
      await tx.submission.update({
        where: { id: submissionId },
        data: { state: "ERRORED", errorMessage: learnerMessage },
      });
      await notifyVerdictSettled(tx, submissionId);
    }),
  );
  return stored ? { kind: "errored", error: internalReason } : { kind: "lost" };
}

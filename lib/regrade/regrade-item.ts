/**
 * One regrade item: the stored submission's code, verified again by the
 * server verifier against the exercise's CURRENT checks, and the new verdict
 * stored on the same submission.
 *
 * Why in place and not a new Submission: a regrade is not an attempt. A new
 * row would count as one more attempt, put a submission in the learner's
 * history that they never made, and move "time to pass" — while the code,
 * its time and its place in the history are exactly what the learner did.
 * What changes is only the judgement, so the submission gets the new verdict,
 * result and check outcomes (with the hash they belong to), and the item
 * keeps the old verdict beside the new one: the trail of what a regrade
 * changed. `verifiedAt` keeps the first verification's time for the same
 * reason (it dates the learner's pass); the item's `finishedAt` dates the regrade.
 *
 * Progress is recomputed in the same transaction; the recomputation keeps an
 * instructor's grade override (it wins both ways). A verifier that fails
 * (down, or its processes dying twice) gives no verdict: the item is listed
 * as not regraded and the submission keeps its verdict (store-verdict.ts is
 * the one place that decides this, for submissions and regrades alike).
 */
import type { Db } from "../db/create-client";
import type { Verdict } from "../db/generated/enums";
import type { VerifierPool } from "../verifier/pool";
import { storeVerdict, verifyOnPool } from "../submissions/store-verdict";
import { verificationSpec } from "../submissions/verification-spec";
import { finishJob, holdsLease, releaseJob, underLease, type Lease } from "../jobs/lease";

/** The first try and one retry, as for submissions. */
export const MAX_REGRADE_ATTEMPTS = 2;

export type RegradeItemOutcome =
  | { kind: "done"; before: Verdict | null; after: Verdict; changed: boolean }
  /** The pool failed; the item is still pending and its job queued again. */
  | { kind: "retry"; error: string }
  /** Given up; the submission was left as it was. */
  | { kind: "errored"; error: string }
  /** Already finished (or gone). */
  | { kind: "skipped" }
  /** The lease ran out and another worker took the job over: this run stored nothing. */
  | { kind: "lost" };

export async function regradeItem(
  db: Db,
  pool: VerifierPool,
  itemId: string,
  lease: Lease,
): Promise<RegradeItemOutcome> {
  // A try counts only while this worker holds the job.
  const claimed = await db.$transaction(async (tx) => {
    if (!(await holdsLease(tx, lease))) return null;
    return tx.regradeItem.updateMany({
      where: { id: itemId, finishedAt: null },
      data: { attempts: { increment: 1 } },
    });
  });
  if (!claimed) return { kind: "lost" };
  if (claimed.count === 0) {
    await underLease(() => db.$transaction((tx) => finishJob(tx, lease)));
    return { kind: "skipped" };
  }

  const item = await db.regradeItem.findUniqueOrThrow({
    where: { id: itemId },
    select: {
      jobId: true,
      attempts: true,
      beforeVerdict: true,
      submission: {
        select: {
          id: true,
          userId: true,
          exerciseId: true,
          code: true,
          verifiedAt: true,
          exercise: { select: { contentHash: true } },
        },
      },
    },
  });
  if (item.attempts > MAX_REGRADE_ATTEMPTS) {
    // Claimed before without finishing, more than once: the server died while running it.
    return finishWithError(db, lease, itemId, item.jobId, `claimed ${item.attempts} times without finishing`);
  }
  const { submission } = item;
  const lookup = await verificationSpec(db, submission.exerciseId, submission.exercise.contentHash);
  if (!lookup.ok) return finishWithError(db, lease, itemId, item.jobId, "the exercise's checks do not parse");
  const { spec } = lookup;
  // The regrade shows as running from its first item on.
  await db.regradeJob.updateMany({ where: { id: item.jobId, state: "QUEUED" }, data: { state: "RUNNING" } });

  const outcome = await verifyOnPool(pool, {
    code: submission.code,
    checks: spec.checks,
    timeLimitMs: spec.timeLimitMs,
    memoryLimitMb: spec.memoryLimitMb,
  });
  if (outcome.kind === "failed") {
    // No verdict (the verifier failed, not the learner's code): the submission keeps the one it has.
    if (outcome.retryable && item.attempts < MAX_REGRADE_ATTEMPTS) {
      return (await releaseJob(db, lease)) ? { kind: "retry", error: outcome.reason } : { kind: "lost" };
    }
    return finishWithError(db, lease, itemId, item.jobId, `the verifier failed: ${outcome.reason}`);
  }
  const after = outcome.verdict;
  const changed = after !== item.beforeVerdict;

  const stored = await underLease(() =>
    db.$transaction(async (tx) => {
      await finishJob(tx, lease);
      // Conditional, so an item is counted once even if two runners raced for it.
      const finished = await tx.regradeItem.updateMany({
        where: { id: itemId, finishedAt: null },
        data: { afterVerdict: after, finishedAt: new Date(), error: null },
      });
      if (finished.count === 0) return;
      await storeVerdict(tx, {
        submissionId: submission.id,
        userId: submission.userId,
        exerciseId: submission.exerciseId,
        result: outcome.result,
        verdict: after,
        exerciseHash: spec.contentHash,
        regrade: true,
        // An ERRORED submission was never verified: this is its first verification.
        verifiedAt: submission.verifiedAt,
      });
      await countItemDone(tx, item.jobId, changed);
    }),
  );
  if (!stored) return { kind: "lost" };
  return { kind: "done", before: item.beforeVerdict, after, changed };
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** One more item of the regrade is finished; the last one finishes the regrade. */
async function countItemDone(tx: Tx, jobId: string, changed: boolean): Promise<void> {
  const job = await tx.regradeJob.update({
    where: { id: jobId },
    data: { done: { increment: 1 }, ...(changed ? { changed: { increment: 1 } } : {}) },
    select: { done: true, total: true },
  });
  if (job.done >= job.total) {
    await tx.regradeJob.updateMany({
      where: { id: jobId, state: { in: ["QUEUED", "RUNNING"] } },
      data: { state: "DONE", finishedAt: new Date() },
    });
  }
}

async function finishWithError(
  db: Db,
  lease: Lease,
  itemId: string,
  jobId: string,
  error: string,
): Promise<RegradeItemOutcome> {
  const stored = await underLease(() =>
    db.$transaction(async (tx) => {
      await finishJob(tx, lease);
      const finished = await tx.regradeItem.updateMany({
        where: { id: itemId, finishedAt: null },
        data: { finishedAt: new Date(), error },
      });
      if (finished.count > 0) await countItemDone(tx, jobId, false);
    }),
  );
  return stored ? { kind: "errored", error } : { kind: "lost" };
}

/**
 * A worker's hold on a claimed job. Everything a job decides (a verdict, an
 * ERRORED state, a regrade item's outcome, a content check's problems) is
 * written in one transaction with `finishJob`, a write conditional on the
 * lease: a worker whose lease ran out and was taken over stores nothing, so a
 * job's outcome is stored once even when two workers ran it.
 */
import type { Db } from "../db/create-client";
import { endLease } from "../db/job-queue-sql";

export type Lease = { jobId: string; owner: string };

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Thrown inside the storing transaction when the lease is no longer ours: the transaction rolls back. */
export class LeaseLostError extends Error {
  constructor(lease: Lease) {
    super(`job ${lease.jobId}: lease lost (taken over by another worker)`);
    this.name = "LeaseLostError";
  }
}

/** Marks the job DONE if `lease` still holds it; otherwise throws LeaseLostError. No lease: nothing to check. */
export async function finishJob(tx: Tx, lease: Lease | undefined): Promise<void> {
  if (!lease) return;
  if (!(await endLease(tx, lease, "DONE"))) throw new LeaseLostError(lease);
}

/**
 * Inside a transaction: true if `lease` still holds the job. The no-op write
 * locks the job's row (PostgreSQL), so no takeover commits in between.
 */
export async function holdsLease(tx: Tx, lease: Lease): Promise<boolean> {
  const { count } = await tx.job.updateMany({
    where: { id: lease.jobId, leaseOwner: lease.owner, state: "RUNNING" },
    data: { leaseOwner: lease.owner },
  });
  return count === 1;
}

/** Puts the job back in the queue at once (a retry, a draining worker); false if the lease was already lost. */
export async function releaseJob(db: Db | Tx, lease: Lease): Promise<boolean> {
  return endLease(db, lease, "QUEUED");
}

/** Runs a write that checks the lease: true if it was stored, false if the lease was lost (nothing stored). */
export async function underLease(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof LeaseLostError) return false;
    throw error;
  }
}

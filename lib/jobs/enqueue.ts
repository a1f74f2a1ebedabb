/**
 * Putting work on the job queue (lib/jobs/runner.ts runs it). A job is
 * written in the same transaction as what it is about (a submission, regrade
 * items), so there is never a submission without its job or the reverse.
 * Keys make enqueueing idempotent: one job per submission, per regrade item,
 * per exercise content version (two instances starting at once queue the
 * course's content checks once).
 */
import type { Db } from "../db/create-client";
import type { JobKind } from "../db/generated/enums";
import { notifyJobQueued } from "../db/job-queue-sql";
import { listUnverifiedExercises } from "../exercises/verify-content";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Lower runs first: a learner waits for a submission's verdict, nobody waits for a regrade. */
export const JOB_PRIORITY: Record<JobKind, number> = {
  VERIFY_SUBMISSION: 0,
  VERIFY_CONTENT: 1,
  REGRADE_ITEM: 2,
};

export type NewJob = { kind: JobKind; subjectId: string; key: string };

export const submissionJob = (submissionId: string): NewJob => ({
  kind: "VERIFY_SUBMISSION",
  subjectId: submissionId,
  key: `submission:${submissionId}`,
});

export const regradeItemJob = (itemId: string): NewJob => ({
  kind: "REGRADE_ITEM",
  subjectId: itemId,
  key: `regrade:${itemId}`,
});

/** The content hash is part of the key: an edited exercise is a new job, an unchanged one never runs twice. */
export const contentJob = (exerciseId: string, contentHash: string): NewJob => ({
  kind: "VERIFY_CONTENT",
  subjectId: exerciseId,
  key: `content:${exerciseId}:${contentHash}`,
});

/** The content hash a VERIFY_CONTENT job was queued for. */
export function contentHashOf(key: string): string {
  return key.slice(key.lastIndexOf(":") + 1);
}

/** Queues jobs inside the caller's transaction (keys must be new). */
export async function enqueueJobs(tx: Tx, jobs: NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await tx.job.createMany({ data: jobs.map((j) => ({ ...j, priority: JOB_PRIORITY[j.kind] })) });
  await notifyJobQueued(tx);
}

/**
 * Queues a content check for every live exercise whose current content has
 * not been verified; a job already queued for the same content is kept. Safe
 * for any number of instances at once. Returns how many jobs are new.
 */
export async function enqueueContentVerification(db: Db): Promise<number> {
  const wanted = (await listUnverifiedExercises(db)).map((e) => contentJob(e.id, e.contentHash));
  if (wanted.length === 0) return 0;
  const existing = await db.job.findMany({ where: { key: { in: wanted.map((j) => j.key) } }, select: { key: true } });
  const known = new Set(existing.map((j) => j.key));
  let added = 0;
  for (const job of wanted.filter((j) => !known.has(j.key))) {
    try {
      await db.$transaction((tx) => enqueueJobs(tx, [job]));
      added++;
    } catch (error) {
      // Another instance queued it first (unique key): that is the point.
      if ((error as { code?: string }).code !== "P2002") throw error;
    }
  }
  return added;
}

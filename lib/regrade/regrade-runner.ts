/**
 * Runs regrade jobs in the background of one server process, one job at a
 * time, each with a few items in flight. The runner holds only job ids: the
 * job and item rows are the durable record, so a lost process loses nothing —
 * `resumeRegradeJobs` re-enqueues every QUEUED or RUNNING job at the next
 * start, and only the items without `finishedAt` run again.
 *
 * It shares the server verifier's pool with the verification queue, and its
 * concurrency is kept below the pool's size: a regrade of a whole cohort
 * waits its turn in the pool instead of starving learners' fresh submissions.
 */
import type { Db } from "../db/create-client";
import type { VerifierPool } from "../verifier/pool";
import { regradeItem, type RegradeItemOutcome } from "./regrade-item";

export type RegradeRunnerOptions = {
  pool: VerifierPool | (() => VerifierPool);
  /** Items of one job verified at once. */
  concurrency: number;
  log?: (message: string) => void;
  /** Called after each item (tests, metrics). */
  onItem?: (itemId: string, outcome: RegradeItemOutcome) => void;
};

export type RegradeRunner = {
  enqueue(jobId: string): void;
  /** Resolves once no job is queued or running. */
  drained(): Promise<void>;
  /** Stops after the items in flight; unfinished items stay pending in the database. */
  close(): Promise<void>;
};

export function createRegradeRunner(db: Db, options: RegradeRunnerOptions): RegradeRunner {
  const log = options.log ?? ((message: string) => console.warn(message));
  const concurrency = Math.max(1, options.concurrency);
  const waiting: string[] = [];
  const known = new Set<string>();
  let current: Promise<void> | null = null;
  let closed = false;
  let pool: VerifierPool | null = typeof options.pool === "function" ? null : options.pool;
  let drainWaiters: Array<() => void> = [];

  function getPool(): VerifierPool {
    if (!pool) pool = (options.pool as () => VerifierPool)();
    return pool;
  }

  function pump(): void {
    if (current) return;
    const jobId = closed ? undefined : waiting.shift();
    if (!jobId) {
      const waiters = drainWaiters;
      drainWaiters = [];
      for (const resolve of waiters) resolve();
      return;
    }
    current = runJob(jobId)
      .catch((error) => {
        // A database failure: the job stays RUNNING and the next start resumes it.
        log(`[regrade] job ${jobId} stopped: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        known.delete(jobId);
        current = null;
        pump();
      });
  }

  async function runJob(jobId: string): Promise<void> {
    const claimed = await db.regradeJob.updateMany({
      where: { id: jobId, state: { in: ["QUEUED", "RUNNING"] } },
      data: { state: "RUNNING" },
    });
    if (claimed.count === 0) return;

    const pending = await db.regradeItem.findMany({
      where: { jobId, finishedAt: null },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    const ids = pending.map((p) => p.id);
    const worker = async () => {
      for (let id = ids.shift(); id !== undefined && !closed; id = ids.shift()) {
        let outcome = await regradeItem(db, getPool(), id);
        if (outcome.kind === "retry") {
          log(`[regrade] item ${id}: verifier failed, retrying once: ${outcome.error}`);
          if (closed) return;
          outcome = await regradeItem(db, getPool(), id);
        }
        if (outcome.kind === "errored") log(`[regrade] item ${id} not regraded: ${outcome.error}`);
        options.onItem?.(id, outcome);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, ids.length)) }, worker));
    if (closed) return;

    const left = await db.regradeItem.count({ where: { jobId, finishedAt: null } });
    if (left === 0) {
      await db.regradeJob.updateMany({
        where: { id: jobId, state: "RUNNING" },
        data: { state: "DONE", finishedAt: new Date() },
      });
    }
  }

  return {
    enqueue(jobId) {
      if (closed || known.has(jobId)) return;
      known.add(jobId);
      waiting.push(jobId);
      pump();
    },
    drained() {
      if (!current && waiting.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => drainWaiters.push(resolve));
    },
    async close() {
      closed = true;
      waiting.splice(0);
      await current;
    },
  };
}

/** Server start: every job a previous process left QUEUED or RUNNING goes back on the runner, oldest first. */
export async function resumeRegradeJobs(db: Db, runner: Pick<RegradeRunner, "enqueue">): Promise<number> {
  const jobs = await db.regradeJob.findMany({
    where: { state: { in: ["QUEUED", "RUNNING"] } },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  for (const { id } of jobs) runner.enqueue(id);
  return jobs.length;
}

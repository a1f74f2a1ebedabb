/**
 * The verification queue of one server process: submission ids in, verdicts
 * in the database out. The queue holds only ids — the submission row is the
 * durable record — so losing the process loses nothing: the resume at the
 * next start (resume-verifications.ts) re-enqueues every QUEUED or RUNNING row.
 *
 * At most `concurrency` verifications run at once (the pool's size), so a
 * RUNNING row means it is really running, not waiting inside the pool.
 * An id already queued or running is not added twice (a resume racing a submit).
 */
import type { Db } from "../db/create-client";
import type { VerifierPool } from "../verifier/pool";
import { verifySubmission, type VerifyOutcome } from "./verify-submission";

export type VerificationQueueOptions = {
  /** The pool, or a factory called on first use (the server creates its pool lazily). */
  pool: VerifierPool | (() => VerifierPool);
  concurrency: number;
  log?: (message: string) => void;
  /** Called after each verification (tests, metrics). */
  onOutcome?: (submissionId: string, outcome: VerifyOutcome) => void;
};

export type VerificationQueue = {
  enqueue(submissionId: string): void;
  /** Resolves once nothing is queued or running. */
  drained(): Promise<void>;
  stats(): { queued: number; running: number };
  /** Stops taking work and closes the pool if the queue created it. Queued ids stay QUEUED in the database. */
  close(): Promise<void>;
};

export function createVerificationQueue(db: Db, options: VerificationQueueOptions): VerificationQueue {
  const log = options.log ?? ((message: string) => console.warn(message));
  const concurrency = Math.max(1, options.concurrency);
  const waiting: string[] = [];
  const known = new Set<string>();
  let running = 0;
  let closed = false;
  let pool: VerifierPool | null = typeof options.pool === "function" ? null : options.pool;
  const ownsPool = typeof options.pool === "function";
  let drainWaiters: Array<() => void> = [];

  function getPool(): VerifierPool {
    if (!pool) pool = (options.pool as () => VerifierPool)();
    return pool;
  }

  function pump(): void {
    while (!closed && running < concurrency && waiting.length > 0) {
      const id = waiting.shift()!;
      running += 1;
      void run(id);
    }
    if (running === 0 && waiting.length === 0) {
      const waiters = drainWaiters;
      drainWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  async function run(id: string): Promise<void> {
    let outcome: VerifyOutcome | null = null;
    try {
      outcome = await verifySubmission(db, getPool(), id);
      if (outcome.kind === "retry")
        log(`[verification] submission ${id}: verifier failed, retrying once: ${outcome.error}`);
      if (outcome.kind === "errored") log(`[verification] submission ${id} ERRORED: ${outcome.error}`);
    } catch (error) {
      // A database failure: the row stays QUEUED/RUNNING and the next start resumes it.
      log(
        `[verification] submission ${id} could not be processed: ${String(error instanceof Error ? error.message : error)}`,
      );
    } finally {
      running -= 1;
      known.delete(id);
      if (outcome) options.onOutcome?.(id, outcome);
      if (outcome?.kind === "retry" && !closed) enqueue(id);
      pump();
    }
  }

  function enqueue(submissionId: string): void {
    if (closed || known.has(submissionId)) return;
    known.add(submissionId);
    waiting.push(submissionId);
    pump();
  }

  return {
    enqueue,
    drained() {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => drainWaiters.push(resolve));
    },
    stats: () => ({ queued: waiting.length, running }),
    async close() {
      closed = true;
      waiting.splice(0);
      if (ownsPool && pool) await pool.close();
      const waiters = drainWaiters;
      drainWaiters = [];
      for (const resolve of waiters) resolve();
    },
  };
}

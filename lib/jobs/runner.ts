/**
 * The one job runner: every kind of verification work (a learner's
 * submission, a regrade item, an exercise's content check) is a Job row,
 * claimed by exactly one worker under a lease (lib/db/job-queue-sql.ts) and
 * run on this process's verifier pool. Any number of runners, in any number
 * of processes and machines, share one queue:
 *
 * - a claim takes up to the free slots, learners' submissions first;
 * - the lease is renewed while the job runs; a worker that dies or hangs
 *   stops renewing, and once its lease has run out any runner takes the job
 *   over (the subject's attempts counter makes that the retry);
 * - the outcome is stored under the lease (lease.ts), so a worker that lost
 *   its job stores nothing;
 * - work is found by a nudge (this process queued a job), a database
 *   notification (PostgreSQL), or a poll every `pollMs` as the net;
 * - `close` drains: no new claims, in-flight jobs get `graceMs` to finish,
 *   the rest are released (lease cleared, back in the queue at once).
 */
import crypto from "node:crypto";
import os from "node:os";
import type { Db } from "../db/create-client";
import { claimJobs, JOBS_CHANNEL, renewLeases, type ClaimedJob } from "../db/job-queue-sql";
import { listen, type Listener } from "../db/listen";
import { verifyExerciseContent } from "../exercises/verify-content";
import { regradeItem } from "../regrade/regrade-item";
import { verifySubmission } from "../submissions/verify-submission";
import type { VerifierPool } from "../verifier/pool";
import { contentHashOf } from "./enqueue";
import { finishJob, releaseJob, underLease, type Lease } from "./lease";

/** What a job came to, as the handlers report it. */
export type JobOutcome =
  | { kind: "done"; detail: string }
  /** Released for another try (the verifier failed); not settled yet. */
  | { kind: "retry"; error: string }
  /** Settled without a verdict (ERRORED, or content that could not be verified). */
  | { kind: "errored"; error: string }
  /** Another worker holds the job now: nothing was stored by this one. */
  | { kind: "lost" };

export type JobRunnerOptions = {
  /** The pool, or a factory called on first use (a process with nothing to verify starts no sandboxes). */
  pool: VerifierPool | (() => VerifierPool);
  /** Jobs run at once: the pool's size, so a RUNNING job is really running. */
  concurrency: number;
  /** Who holds the leases; default host:pid:random, unique per runner. */
  owner?: string;
  leaseMs?: number;
  /** How often an idle runner looks for work on its own (the net under nudges and notifications). */
  pollMs?: number;
  /** Runs per program for content checks. */
  contentRuns?: number;
  log?: (message: string) => void;
  /** After every job (verdict events, tests, metrics). */
  onOutcome?: (job: ClaimedJob, outcome: JobOutcome) => void;
};

export type JobRunner = {
  readonly owner: string;
  /** Starts looking for work by itself: the poll, and database notifications on PostgreSQL. */
  start(): void;
  /** Work was queued: look for it now. */
  nudge(): void;
  /** Resolves once a claim found nothing and no job of this runner is running. */
  drained(): Promise<void>;
  stats(): { running: number };
  /**
   * Drains: stops claiming, waits up to `graceMs` (default: none) for the jobs
   * in flight, releases the others, and closes the pool if the runner created it.
   */
  close(options?: { graceMs?: number }): Promise<{ released: number }>;
};

export const DEFAULT_LEASE_MS = 30_000;
/** A content check whose verification threw this often (a job per claim) is given up. */
export const MAX_CONTENT_CLAIMS = 3;
export const DEFAULT_POLL_MS = 1_000;

export function createJobRunner(db: Db, options: JobRunnerOptions): JobRunner {
  const log = options.log ?? ((message: string) => console.warn(message));
  const concurrency = Math.max(1, options.concurrency);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const owner = options.owner ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
  const ownsPool = typeof options.pool === "function";
  let pool: VerifierPool | null = ownsPool ? null : (options.pool as VerifierPool);
  const running = new Map<string, { job: ClaimedJob; done: Promise<void> }>();
  let closed = false;
  let pumping = false;
  let again = false;
  let drainWaiters: Array<() => void> = [];
  let pollTimer: NodeJS.Timeout | null = null;
  let listener: Listener | null = null;
  let renewing: Promise<void> | null = null;

  const getPool = (): VerifierPool => (pool ??= (options.pool as () => VerifierPool)());

  // Renews this runner's leases while anything runs; a job missing from the answer was taken over.
  const renewTimer = setInterval(
    () => {
      if (running.size === 0 || renewing) return;
      renewing = renewLeases(db, owner, leaseMs)
        .then((held) => {
          for (const id of running.keys())
            if (!held.has(id)) log(`[jobs] job ${id}: lease lost, its outcome will not be stored`);
        })
        .catch((error) => log(`[jobs] could not renew leases: ${messageOf(error)}`))
        .finally(() => (renewing = null));
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  renewTimer.unref();

  function settleDrainWaiters(): void {
    const waiters = drainWaiters;
    drainWaiters = [];
    for (const resolve of waiters) resolve();
  }

  async function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    let foundNothing = false;
    try {
      do {
        again = false;
        const free = concurrency - running.size;
        if (closed || free <= 0) break;
        let claimed: ClaimedJob[];
        try {
          claimed = await claimJobs(db, owner, free, leaseMs);
        } catch (error) {
          // The database is unreachable: the poll tries again later.
          log(`[jobs] could not claim jobs: ${messageOf(error)}`);
          foundNothing = true;
          break;
        }
        for (const job of claimed) run(job);
        foundNothing = claimed.length === 0;
        if (claimed.length === free) again = true;
      } while (again);
    } finally {
      pumping = false;
    }
    if ((foundNothing || closed) && running.size === 0) settleDrainWaiters();
  }

  function run(job: ClaimedJob): void {
    const lease: Lease = { jobId: job.id, owner };
    const done = handle(job, lease)
      .then(
        (outcome) => {
          if (outcome.kind === "retry") log(`[jobs] ${describe(job)}: verifier failed, queued again: ${outcome.error}`);
          if (outcome.kind === "errored") log(`[jobs] ${describe(job)} not verified: ${outcome.error}`);
          options.onOutcome?.(job, outcome);
        },
        async (error) => {
          // A database failure mid-job: give the job back so another try comes at once.
          log(`[jobs] ${describe(job)} could not be processed: ${messageOf(error)}`);
          await releaseJob(db, lease).catch(() => false);
        },
      )
      .finally(() => {
        running.delete(job.id);
        void pump();
      });
    running.set(job.id, { job, done });
  }

  async function handle(job: ClaimedJob, lease: Lease): Promise<JobOutcome> {
    switch (job.kind) {
      case "VERIFY_SUBMISSION": {
        const outcome = await verifySubmission(db, getPool(), job.subjectId, lease);
        if (outcome.kind === "done") return { kind: "done", detail: outcome.verdict };
        if (outcome.kind === "skipped") return { kind: "done", detail: "already settled" };
        return outcome;
      }
      case "REGRADE_ITEM": {
        const outcome = await regradeItem(db, getPool(), job.subjectId, lease);
        if (outcome.kind === "done") return { kind: "done", detail: `${outcome.before ?? "none"} → ${outcome.after}` };
        if (outcome.kind === "skipped") return { kind: "done", detail: "already finished" };
        return outcome;
      }
      case "VERIFY_CONTENT": {
        if (job.attempts > MAX_CONTENT_CLAIMS) {
          // The verifier failed on it every time: stop retrying; the authoring page keeps showing it as pending.
          const stored = await underLease(() => db.$transaction((tx) => finishJob(tx, lease)));
          return stored
            ? { kind: "errored", error: `claimed ${job.attempts} times without finishing` }
            : { kind: "lost" };
        }
        const outcome = await verifyExerciseContent(
          db,
          (request) => getPool().verify(request),
          job.subjectId,
          contentHashOf(job.key),
          { runs: options.contentRuns, lease },
        );
        if (outcome.kind === "lost") return outcome;
        if (outcome.kind === "stale") return { kind: "done", detail: "content changed or archived" };
        const errors = outcome.problems.filter((p) => p.severity === "error").length;
        if (outcome.problems.length > 0) {
          log(`[content] ${outcome.path}: ${outcome.problems.length} problem(s) found by the verifier`);
        }
        return { kind: "done", detail: `${errors} error(s)` };
      }
    }
  }

  /** Gives a job back without counting the interrupted run as one of the subject's tries. */
  async function releaseUnfinished(job: ClaimedJob): Promise<boolean> {
    const lease: Lease = { jobId: job.id, owner };
    return db.$transaction(async (tx) => {
      if (!(await releaseJob(tx, lease))) return false;
      if (job.kind === "VERIFY_SUBMISSION") {
        await tx.submission.updateMany({
          where: { id: job.subjectId, state: "RUNNING", attempts: { gt: 0 } },
          data: { state: "QUEUED", attempts: { decrement: 1 } },
        });
      } else if (job.kind === "REGRADE_ITEM") {
        await tx.regradeItem.updateMany({
          where: { id: job.subjectId, finishedAt: null, attempts: { gt: 0 } },
          data: { attempts: { decrement: 1 } },
        });
      }
      return true;
    });
  }

  return {
    owner,
    start() {
      if (closed || pollTimer) return;
      pollTimer = setInterval(() => void pump(), pollMs);
      pollTimer.unref();
      listener = listen({ [JOBS_CHANNEL]: () => void pump() }, log);
      void pump();
    },
    nudge() {
      void pump();
    },
    drained() {
      const promise = new Promise<void>((resolve) => drainWaiters.push(resolve));
      void pump();
      return promise;
    },
    stats: () => ({ running: running.size }),
    async close({ graceMs = 0 } = {}) {
      closed = true;
      if (pollTimer) clearInterval(pollTimer);
      await listener?.close();
      const inFlight = () => Promise.all([...running.values()].map((r) => r.done));
      if (graceMs > 0 && running.size > 0) {
        await Promise.race([inFlight(), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      }
      let released = 0;
      for (const { job } of [...running.values()]) {
        if (await releaseUnfinished(job).catch(() => false)) released++;
      }
      clearInterval(renewTimer);
      // Stops the sandboxes of released jobs; their late answers are refused by the lease.
      if (ownsPool && pool) await pool.close();
      await inFlight();
      settleDrainWaiters();
      return { released };
    },
  };
}

function describe(job: ClaimedJob): string {
  const what = { VERIFY_SUBMISSION: "submission", REGRADE_ITEM: "regrade item", VERIFY_CONTENT: "content of exercise" };
  return `${what[job.kind]} ${job.subjectId}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

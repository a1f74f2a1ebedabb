/**
 * This process's share of the job system, whatever its role (README
 * "Deployment"): the verifier pool and job runner when it verifies (`all`,
 * `verifier`), the verdict events that wake long-polls when it serves (`all`,
 * `web`), and the drain on SIGTERM. Kept on globalThis so Next's dev reloads
 * never start a second pool or runner. Used by instrumentation.ts, the route
 * handlers and scripts/verifier.ts.
 */
import os from "node:os";
import path from "node:path";
import type { Db } from "../db/create-client";
import { VERDICTS_CHANNEL } from "../db/job-queue-sql";
import { listen, type Listener } from "../db/listen";
import { env } from "../env";
import { readPackageFiles } from "../python/load-package";
import { createVerdictEvents, type VerdictEvents } from "../submissions/verdict-events";
import { createVerifierPool, type VerifierPool } from "../verifier/pool";
import { enqueueContentVerification } from "./enqueue";
import { createJobRunner, type JobRunner } from "./runner";

const state = globalThis as unknown as {
  leaklessJobRunner?: JobRunner;
  leaklessVerdictEvents?: VerdictEvents;
  leaklessVerdictListener?: Listener;
};

export function poolSize(): number {
  return env.VERIFIER_POOL_SIZE ?? os.cpus().length;
}

/** Does this process verify? (`npm run start:web` does not.) */
export const verifiesHere = (): boolean => env.LEAKLESS_ROLE !== "web";

/**
 * Wakes requests long-polling for a verdict (GET /api/submissions/:id?wait=…):
 * from this process's runner, and on PostgreSQL from every worker through the
 * database's notifications.
 */
export function getVerdictEvents(): VerdictEvents {
  if (!state.leaklessVerdictEvents) {
    const events = createVerdictEvents();
    state.leaklessVerdictEvents = events;
    state.leaklessVerdictListener = listen({ [VERDICTS_CHANNEL]: (id) => events.settled(id) });
  }
  return state.leaklessVerdictEvents;
}

/** The process's job runner, or null where nothing is verified (web role). Created, not started. */
export function getJobRunner(db: Db): JobRunner | null {
  if (!verifiesHere()) return null;
  state.leaklessJobRunner ??= createJobRunner(db, {
    concurrency: poolSize(),
    leaseMs: env.JOB_LEASE_SECONDS * 1000,
    // Created on first use: a process with nothing to verify starts no sandboxed processes.
    pool: (): VerifierPool =>
      createVerifierPool({
        size: poolSize(),
        // Read from the repository, not relative to this module: in Next's
        // server bundle `__dirname` is a build folder.
        packageFiles: readPackageFiles(path.join(process.cwd(), "lib/python")),
      }),
    onOutcome: (job, outcome) => {
      // A retry is not settled yet: nothing to tell a waiting learner.
      if (job.kind === "VERIFY_SUBMISSION" && outcome.kind !== "retry" && outcome.kind !== "lost") {
        state.leaklessVerdictEvents?.settled(job.subjectId);
      }
    },
  });
  return state.leaklessJobRunner;
}

/** What a producer calls after queueing a job: this process's runner looks at once (no-op on a web-only process). */
export function jobWake(db: Db): { nudge(): void } {
  return getJobRunner(db) ?? { nudge: () => {} };
}

/**
 * Starts verifying (when this process verifies): the runner takes queued jobs
 * and the course's unverified content is queued once across all instances.
 */
export async function startJobs(db: Db, log: Pick<Console, "info" | "error"> = console): Promise<void> {
  const runner = getJobRunner(db);
  try {
    const queued = await enqueueContentVerification(db);
    if (queued > 0) log.info(`[content] queued ${queued} exercise(s) for verification`);
  } catch (error) {
    log.error(`[content] could not queue content verification: ${(error as Error).message}`);
  }
  runner?.start();
}

/**
 * SIGTERM/SIGINT: answer every held long-poll now (the client asks again, on
 * another instance behind the load balancer), then let the runner finish its
 * jobs for up to DRAIN_SECONDS and release the rest to other workers.
 */
export async function drainJobs(): Promise<{ released: number }> {
  state.leaklessVerdictEvents?.shutdown();
  await state.leaklessVerdictListener?.close();
  const runner = state.leaklessJobRunner;
  if (!runner) return { released: 0 };
  return runner.close({ graceMs: env.DRAIN_SECONDS * 1000 });
}

/**
 * The verification queue of this server process (one per process, kept on
 * globalThis so Next's dev reloads do not start a second pool). The verifier
 * pool is created on first use: a server with nothing to verify starts no
 * sandboxed processes.
 */
import "server-only";
import os from "node:os";
import path from "node:path";
import { db } from "../db/client";
import { env } from "../env";
import { readPackageFiles } from "../python/load-package";
import { createVerifierPool, type VerifierPool } from "../verifier/pool";
import { createVerificationQueue, type VerificationQueue } from "./verification-queue";
import { resumeVerifications } from "./resume-verifications";
import { createVerdictEvents, type VerdictEvents } from "./verdict-events";

const globalForQueue = globalThis as unknown as {
  leaklessVerificationQueue?: VerificationQueue;
  leaklessVerifierPool?: VerifierPool;
  leaklessVerdictEvents?: VerdictEvents;
};

/** Wakes requests long-polling for a verdict (GET /api/submissions/:id?wait=…) when this process's queue settles one. */
export function getVerdictEvents(): VerdictEvents {
  globalForQueue.leaklessVerdictEvents ??= createVerdictEvents();
  return globalForQueue.leaklessVerdictEvents;
}

export function poolSize(): number {
  return env.VERIFIER_POOL_SIZE ?? os.cpus().length;
}

/** The process's one verifier pool, shared with regrades (lib/regrade) so they never start a second set of sandboxes. */
export function getServerVerifierPool(): VerifierPool {
  globalForQueue.leaklessVerifierPool ??= createVerifierPool({
    size: poolSize(),
    // Read from the repository, not relative to this module: in Next's
    // server bundle `__dirname` is a build folder.
    packageFiles: readPackageFiles(path.join(process.cwd(), "lib/python")),
  });
  return globalForQueue.leaklessVerifierPool;
}

export function getVerificationQueue(): VerificationQueue {
  globalForQueue.leaklessVerificationQueue ??= createVerificationQueue(db, {
    concurrency: poolSize(),
    pool: getServerVerifierPool,
    // A retry goes back on the queue: nothing to tell a waiting learner yet.
    onOutcome: (id, outcome) => {
      if (outcome.kind !== "retry") getVerdictEvents().settled(id);
    },
  });
  return globalForQueue.leaklessVerificationQueue;
}

/** Server start: resume what a previous process left unfinished. */
export async function resumeVerificationsOnStart(): Promise<number> {
  return resumeVerifications(db, getVerificationQueue());
}

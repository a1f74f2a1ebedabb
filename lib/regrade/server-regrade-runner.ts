/**
 * The regrade runner of this server process (kept on globalThis so Next's dev
 * reloads do not start a second one), on the same verifier pool as the
 * verification queue.
 */
import "server-only";
import { db } from "../db/client";
import { getServerVerifierPool, poolSize } from "../submissions/server-verification-queue";
import { createRegradeRunner, resumeRegradeJobs, type RegradeRunner } from "./regrade-runner";

const globalForRegrade = globalThis as unknown as { leaklessRegradeRunner?: RegradeRunner };

export function getRegradeRunner(): RegradeRunner {
  globalForRegrade.leaklessRegradeRunner ??= createRegradeRunner(db, {
    pool: getServerVerifierPool,
    // Half the pool at most: learners' own submissions keep the other half.
    concurrency: Math.max(1, Math.floor(poolSize() / 2)),
  });
  return globalForRegrade.leaklessRegradeRunner;
}

/** Server start: resume the regrades a previous process left unfinished. */
export async function resumeRegradesOnStart(): Promise<number> {
  return resumeRegradeJobs(db, getRegradeRunner());
}

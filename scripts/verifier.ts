/**
 * `npm run verifier`: a verification worker and nothing else — no web server,
 * no session secret. It claims jobs (learners' submissions first, then content
 * checks, then regrade items) from the shared database, runs them in its
 * sandboxed verifier pool and stores the verdicts under its leases; run it on
 * as many machines as verification needs (README "Deployment").
 *
 * SIGTERM/SIGINT drain: no new claims, jobs in flight get DRAIN_SECONDS to
 * finish, the rest are released for another worker to take at once.
 */
import { loadLocalEnv } from "./local-env";

async function main(): Promise<void> {
  loadLocalEnv();
  process.env.LEAKLESS_ROLE = "verifier";
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  const { createPrismaClient } = await import("../lib/db/create-client");
  const { drainJobs, getJobRunner, poolSize, startJobs } = await import("../lib/jobs/process-jobs");
  const db = createPrismaClient();
  const runner = getJobRunner(db);
  if (!runner) throw new Error("this process does not verify (LEAKLESS_ROLE)");
  await startJobs(db);
  console.log(`[verifier] worker ${runner.owner} taking jobs with ${poolSize()} sandboxed process(es)`);

  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log(`[verifier] ${signal}: draining`);
      void drainJobs()
        .then(({ released }) => console.log(`[verifier] stopped; ${released} unfinished job(s) released`))
        .catch((error) => console.error("[verifier] drain failed", error))
        .finally(() => db.$disconnect().finally(() => process.exit(0)));
    });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

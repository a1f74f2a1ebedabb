/**
 * Next's server start hook. On the Node.js runtime, by role (README
 * "Deployment"): a process that verifies (`npm start`) starts its job runner,
 * which also takes over the jobs of a process that died (their leases run
 * out); every process that serves wakes long-polls from verdicts stored
 * anywhere. On SIGTERM/SIGINT it drains before Next's own shutdown.
 *
 * NEXT_RUNTIME and NEXT_PHASE are Next's own variables, set per runtime and
 * phase (not configuration), hence read here rather than through lib/env.ts.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // The same rule as scripts/start.ts, for a server started without it (`next start` in a container).
  const { env } = await import("./lib/env");
  const { sharedSecretProblem } = await import("./lib/auth/shared-secret");
  const problem = sharedSecretProblem(
    { NEXTAUTH_SECRET: env.NEXTAUTH_SECRET, DATABASE_URL: env.DATABASE_URL },
    env.LEAKLESS_ROLE === "web" ? "web" : "all",
  );
  if (problem) {
    console.error(`[leakless] refusing to start: ${problem}`);
    process.exit(1);
  }
  const { db } = await import("./lib/db/client");
  const { drainJobs, getVerdictEvents, startJobs } = await import("./lib/jobs/process-jobs");
  getVerdictEvents();
  try {
    await startJobs(db);
  } catch (error) {
    // A missing or unmigrated database must not stop the server from starting; the poll tries again.
    console.error("[jobs] could not start the job runner", error);
  }
  drainBeforeNextShutdown(drainJobs);
}

/**
 * Next's own SIGTERM/SIGINT handler stops accepting connections, waits for
 * the requests in flight and exits. Ours must run first — wake held
 * long-polls (otherwise Next waits up to their 20 s) and finish or release
 * this process's jobs — so Next's handlers are moved behind it.
 */
function drainBeforeNextShutdown(drain: () => Promise<{ released: number }>): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const next = process.listeners(signal);
    process.removeAllListeners(signal);
    let started = false;
    process.on(signal, () => {
      if (started) return;
      started = true;
      void drain()
        .then(({ released }) => {
          if (released > 0) console.info(`[jobs] released ${released} unfinished job(s) to other workers`);
        })
        .catch((error) => console.error("[jobs] drain failed", error))
        .finally(() => {
          for (const listener of next) (listener as (s: NodeJS.Signals) => void)(signal);
          if (next.length === 0) process.exit(0);
        });
    });
  }
}

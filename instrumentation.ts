/**
 * Next's server start hook. On the Node.js runtime it resumes every
 * submission a previous server process left QUEUED or RUNNING (killed,
 * crashed, redeployed), so no submitted code waits forever.
 *
 * NEXT_RUNTIME and NEXT_PHASE are Next's own variables, set per runtime and
 * phase (not configuration), hence read here rather than through lib/env.ts.
 * Unfinished regrade jobs are resumed the same way.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { resumeVerificationsOnStart } = await import("./lib/submissions/server-verification-queue");
  try {
    const resumed = await resumeVerificationsOnStart();
    if (resumed > 0) console.info(`[verification] resumed ${resumed} unfinished submission(s)`);
  } catch (error) {
    // A missing or unmigrated database must not stop the server from starting;
    // the next start tries again.
    console.error("[verification] could not resume unfinished submissions", error);
  }
  const { resumeRegradesOnStart } = await import("./lib/regrade/server-regrade-runner");
  try {
    const resumed = await resumeRegradesOnStart();
    if (resumed > 0) console.info(`[regrade] resumed ${resumed} unfinished regrade job(s)`);
  } catch (error) {
    console.error("[regrade] could not resume unfinished regrade jobs", error);
  }
  // In the background, after the resumed submissions: run the reference solution and starter of
  // every exercise whose content changed since it was last verified (shown on /instructor/exercises).
  const { startContentVerification } = await import("./lib/exercises/verify-content");
  const { db } = await import("./lib/db/client");
  const { getServerVerifierPool, getVerificationQueue } = await import("./lib/submissions/server-verification-queue");
  startContentVerification(db, (job) => getServerVerifierPool().verify(job), {
    after: getVerificationQueue().drained(),
  });
}

/**
 * A verifier process that dies under a job, for real: learner code cannot end
 * its process any more (it has no route to JavaScript, and os._exit is an
 * error result), so the test plays the OOM killer and SIGKILLs the processes
 * of the busy sandbox from outside, as the kernel would.
 */
import fs from "node:fs";
import type { VerifierPool } from "@/lib/verifier/pool";
import { descendantPids } from "@/lib/verifier/process-tree";

async function waitFor(condition: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function verifierPids(): number[] {
  return descendantPids(process.pid).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("verifier-process");
    } catch {
      return false;
    }
  });
}

/**
 * Waits until `pool` (of size 1) runs a job, kills its process tree, and
 * waits until the pool has seen the crash; `times` times in a row (the pool
 * retries a crashed job once, on a replacement).
 */
export async function killBusyProcess(pool: VerifierPool, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    const failures = () => pool.stats().crashes + pool.stats().retries; // a first crash is retried, not counted
    const before = failures();
    await waitFor(() => pool.stats().busy > 0, "a busy verifier process");
    // Let the child pick the job up (the parent counts it busy when it sends it).
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const pid of verifierPids()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await waitFor(() => failures() > before, "the pool to see the crash");
  }
}

/** What the orchestrator hands every measurement. */
import type { ProductionServer } from "@/tests/e2e/support/production-server";

export interface BenchEnv {
  /** The production server on a throwaway database (absent for measurements that need none). */
  server: ProductionServer | null;
  /** Scale: "quick" shrinks sample counts for a smoke run (`--quick`). */
  quick: boolean;
  log(line: string): void;
}

export function requireServer(env: BenchEnv): ProductionServer {
  if (!env.server) throw new Error("this measurement needs the production server");
  return env.server;
}

/**
 * A server verifies every live exercise's reference solution and starter in
 * the background after it starts (lib/exercises/verify-content.ts, ~80
 * verifications on a new database). A measurement timed while that runs
 * measures the overlap, not what a learner meets on a settled server: wait
 * until every live exercise's verified hash equals its content hash (polled
 * in the server's database). Returns how long it waited.
 */
export async function waitForContentVerification(
  server: ProductionServer,
  log: (line: string) => void,
  timeoutMs = 15 * 60_000,
): Promise<number> {
  const { createPrismaClient } = await import("@/lib/db/create-client");
  const db = createPrismaClient(server.databaseUrl);
  const started = Date.now();
  try {
    for (;;) {
      const live = await db.exercise.findMany({
        where: { archivedAt: null },
        select: { contentHash: true, contentVerifiedHash: true },
      });
      const pending = live.filter((e) => e.contentVerifiedHash !== e.contentHash).length;
      if (live.length > 0 && pending === 0) break;
      if (Date.now() - started > timeoutMs)
        throw new Error(`content verification still pending for ${pending} exercises`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    await db.$disconnect();
  }
  const waitedMs = Date.now() - started;
  log(`server's background content verification finished; waited ${(waitedMs / 1000).toFixed(1)} s`);
  return waitedMs;
}

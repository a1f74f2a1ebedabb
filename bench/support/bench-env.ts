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

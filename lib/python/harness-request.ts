/**
 * The request `leakless.harness.execute` takes, and a typed way to call it.
 * The reply is a JSON string in the format of lib/grading/result.ts: parse it
 * with `RunResultSchema` / `CheckResultSchema` (it crosses a trust boundary).
 *
 * Browser-safe: no Node imports.
 */
import type { PyodideAPI } from "pyodide";
import type { CheckFile } from "@/lib/grading/result";

export interface HarnessOptions {
  /** Bytes of stdout+stderr kept (shared budget); default 64 000. */
  outputLimit?: number;
  /** `random.seed(seed)` before the learner's code and before each check; default 0. */
  seed?: number;
  /** Run only: add `memory` (the Memory panel's report; parse it with lib/memory/report.ts) to the result. */
  memoryReport?: boolean;
  /**
   * The host's time limit. The host interrupts (KeyboardInterrupt via the
   * interrupt buffer) when it expires; the harness then reports "timeout"
   * instead of a learner error. Start the host's timer right before calling.
   */
  timeLimitMs?: number;
}

export type HarnessRequest =
  | { op: "run"; code: string; options?: HarnessOptions }
  | { op: "check"; code: string; checks: CheckFile[]; options?: HarnessOptions };

/** Calls `leakless.harness.execute`; returns its JSON reply (a string, never throws for learner errors). */
export function executeHarness(pyodide: PyodideAPI, request: HarnessRequest): string {
  const harness = pyodide.pyimport("leakless.harness");
  try {
    return harness.execute(JSON.stringify(request)) as string;
  } finally {
    harness.destroy();
  }
}

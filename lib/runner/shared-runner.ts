/**
 * One PythonRunner per browser tab, kept across client-side navigations.
 *
 * The course map and the lessons start it while the learner reads, and the
 * exercise page reached from them by a link takes it over already loaded, so
 * its Check button is usable as soon as the page renders (issue #17: "arrive
 * ready"). Every run starts from the interpreter's boot image (session.ts),
 * so one exercise's code never sees another's.
 *
 * The heap ceiling is fixed per worker at init: a page that needs another
 * ceiling gets a new runner and the old one is disposed.
 */
import { DEFAULT_MEMORY_LIMIT_BYTES, PythonRunner } from "./browser-client";
import { takeEarlyRunner } from "./early-start";

let current: { runner: PythonRunner; memoryLimitBytes: number } | null = null;

/**
 * The tab's runner for this heap ceiling: the one kept from an earlier page,
 * or a new one that adopts the worker the page's inline script started
 * (early-start.ts), if any.
 */
export function sharedRunner(memoryLimitBytes: number = DEFAULT_MEMORY_LIMIT_BYTES): PythonRunner {
  if (current?.memoryLimitBytes === memoryLimitBytes) return current.runner;
  current?.runner.dispose();
  const runner = new PythonRunner({ memoryLimitBytes, earlyWorker: takeEarlyRunner(memoryLimitBytes) });
  current = { runner, memoryLimitBytes };
  return runner;
}

/** The tab's runner for this ceiling if it exists already (never starts one: safe during hydration). */
export function loadedSharedRunner(memoryLimitBytes: number): PythonRunner | null {
  return current?.memoryLimitBytes === memoryLimitBytes ? current.runner : null;
}

/** Retry after a failed load: dispose this runner; the next sharedRunner() starts afresh. */
export function discardSharedRunner(runner: PythonRunner): void {
  if (current?.runner === runner) current = null;
  runner.dispose();
}

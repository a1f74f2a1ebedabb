/**
 * The page `exercises:check` opens in headless Chromium: check-browser.ts
 * bundles this file and serves it under /exercises/, so it gets the exercise
 * page's headers. It runs checks exactly as the exercise page's Check button
 * does (app/components/learner/ExerciseWorkspace.tsx): the page's own
 * PythonRunner, made with the exercise's memory limit, `check()` with the
 * visible checks and the exercise's time limit.
 *
 * Two differences, on purpose, so that a run's time is the exercise's own:
 * - no warm spare: its boot would take a core from the timed checks (the app
 *   delays it for the same reason); a worker replaced after a timeout boots
 *   while no check is timed;
 * - a fresh worker first runs one trivial check, untimed: the first check in
 *   a new interpreter pays a one-off warm-up, whichever exercise it is. Its
 *   time is reported apart (a learner's first Check on a page pays it).
 */
import type { CheckFile, CheckResult } from "../grading/result";
import { PythonRunner } from "../runner/browser-client";
import type { ReadyMessage } from "../runner/protocol";

export interface HarnessRequest {
  code: string;
  /** Visible checks only (and fixtures.py), as the page gets them. */
  checks: CheckFile[];
  timeLimitMs: number;
  memoryLimitBytes: number;
}

export interface HarnessReply {
  result: CheckResult;
  /** From sending the check to its result, with a ready worker: what the learner waits for. */
  wallMs: number;
  /** The ready message of the worker that ran it (how it booted, whether it is interruptible). */
  ready: ReadyMessage;
  crossOriginIsolated: boolean;
  /** Workers replaced during this check, with the runner's reason. */
  restarts: string[];
  /** The untimed warm-up check a fresh worker ran before this one, ms; null when the worker was warm. */
  warmUpMs: number | null;
}

const WARM_UP: CheckFile[] = [
  { name: "test_visible.py", visibility: "visible", source: "def test_warm_up():\n    pass\n" },
];

/** Injected when check-browser.ts bundles this page: the window property it calls. */
declare const __HARNESS_FUNCTION__: string;

let runner: PythonRunner | null = null;
let runnerMemoryLimit = 0;
let restarts: string[] = [];
/** The active worker has not run a check yet. */
let cold = true;

async function check(request: HarnessRequest): Promise<HarnessReply> {
  // One runner (one worker) for every exercise with the same memory limit, as
  // a learner's tab keeps one per exercise page; another limit needs another worker.
  if (!runner || runnerMemoryLimit !== request.memoryLimitBytes) {
    runner?.dispose();
    runner = new PythonRunner({ memoryLimitBytes: request.memoryLimitBytes, warmSpare: false });
    runnerMemoryLimit = request.memoryLimitBytes;
    cold = true;
    runner.subscribe((event) => {
      if (event.type === "restarted") {
        restarts.push(event.reason);
        cold = true;
      }
    });
  }
  let ready: ReadyMessage;
  try {
    ready = await runner.ready;
  } catch (error) {
    // No worker could start: the next request tries a fresh runner.
    runner.dispose();
    runner = null;
    throw error;
  }
  let warmUpMs: number | null = null;
  if (cold) {
    const warmUpStarted = performance.now();
    await runner.check("", WARM_UP, { timeLimitMs: 60_000 });
    warmUpMs = performance.now() - warmUpStarted;
    cold = false;
  }
  restarts = [];
  const started = performance.now();
  const result = await runner.check(request.code, request.checks, { timeLimitMs: request.timeLimitMs });
  const wallMs = performance.now() - started;
  return {
    result,
    wallMs,
    ready,
    crossOriginIsolated: globalThis.crossOriginIsolated,
    restarts: restarts.splice(0),
    warmUpMs,
  };
}

Object.defineProperty(window, __HARNESS_FUNCTION__, { value: check });

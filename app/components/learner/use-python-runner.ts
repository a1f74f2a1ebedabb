"use client";
/**
 * React glue around the tab's PythonRunner (lib/runner/shared-runner.ts):
 * its load progress as state, and a Retry that starts a fresh runner when
 * loading failed or is stuck. The runner outlives the page: a client-side
 * navigation to the next exercise finds it loaded.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { PythonRunner } from "@/lib/runner/browser-client";
import { discardSharedRunner, loadedSharedRunner, sharedRunner } from "@/lib/runner/shared-runner";
import type { LoadStage } from "@/lib/runner/protocol";

/** How far a worker's load has come (the worker's progress messages). */
export interface LoadProgress {
  stage: LoadStage;
  loadedBytes?: number;
  totalBytes?: number;
}

export type RunnerStatus =
  | ({ kind: "loading"; slow: boolean } & LoadProgress)
  | { kind: "ready"; interruptible: boolean; loadMs: number }
  /** A worker was replaced (timeout, crash, Stop); a fresh one is loading (`progress`, once it says). */
  | { kind: "restarting"; reason: string; slow: boolean; progress?: LoadProgress }
  | { kind: "failed"; message: string };

/**
 * No progress event for this long while loading: tell the learner and offer Retry
 * (the load keeps going; a slow connection may still finish it).
 */
const STUCK_AFTER_MS = 45_000;

export function usePythonRunner(memoryLimitMb: number) {
  const runnerRef = useRef<PythonRunner | null>(null);
  // Ready at the first render when the tab's runner came loaded from an earlier page (a client-side navigation).
  const [status, setStatus] = useState<RunnerStatus>(() => {
    const ready = loadedSharedRunner(memoryLimitMb * 1024 * 1024)?.readyMessage;
    return ready
      ? { kind: "ready", interruptible: ready.interruptible, loadMs: ready.loadMs }
      : { kind: "loading", stage: "download", slow: false };
  });
  // Bumped by retry() to tear down the runner and start another.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const runner = sharedRunner(memoryLimitMb * 1024 * 1024);
    runnerRef.current = runner;
    let stuckTimer: ReturnType<typeof setTimeout> | undefined;
    const armStuckTimer = () => {
      clearTimeout(stuckTimer);
      stuckTimer = setTimeout(
        () => setStatus((s) => (s.kind === "loading" || s.kind === "restarting" ? { ...s, slow: true } : s)),
        STUCK_AFTER_MS,
      );
    };
    armStuckTimer();

    const off = runner.subscribe((event) => {
      switch (event.type) {
        case "progress":
          armStuckTimer();
          // A replacement's progress keeps "restarting": Run and Check stay usable (a request waits
          // for the new worker) instead of turning disabled under a learner's pointer mid-click.
          setStatus((s) => {
            const progress = { stage: event.stage, loadedBytes: event.loadedBytes, totalBytes: event.totalBytes };
            return s.kind === "restarting"
              ? { ...s, progress, slow: false }
              : { kind: "loading", ...progress, slow: false };
          });
          break;
        case "ready":
          clearTimeout(stuckTimer);
          setStatus({ kind: "ready", interruptible: event.interruptible, loadMs: event.loadMs });
          break;
        case "restarted":
          // A promoted spare may be ready at once ("ready" follows) or still loading: watch it like a first load.
          armStuckTimer();
          setStatus({ kind: "restarting", reason: event.reason, slow: false });
          // A replacement that never becomes ready rejects runner.ready.
          runner.ready.catch((error: unknown) => {
            if (runnerRef.current === runner) setStatus({ kind: "failed", message: messageOf(error) });
          });
          break;
      }
    });
    runner.ready.catch((error: unknown) => {
      clearTimeout(stuckTimer);
      if (runnerRef.current === runner) setStatus({ kind: "failed", message: messageOf(error) });
    });

    return () => {
      clearTimeout(stuckTimer);
      off();
      // Kept for the next page; only what is still running here is stopped.
      runner.stop();
      if (runnerRef.current === runner) runnerRef.current = null;
    };
  }, [memoryLimitMb, generation]);

  const retry = useCallback(() => {
    if (runnerRef.current) discardSharedRunner(runnerRef.current);
    setStatus({ kind: "loading", stage: "download", slow: false });
    setGeneration((g) => g + 1);
  }, []);

  return { runner: runnerRef, status, retry };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * In-process "this submission is settled" signals, from the verification
 * queue to the requests long-polling for a verdict (wait-for-verdict.ts).
 *
 * Only ids travel here, never results: a woken request reads the row again
 * through the owner-checked query, so this module cannot leak anything.
 * It is per process: a verdict stored by another process arrives through the
 * database's notifications on PostgreSQL (lib/jobs/process-jobs.ts), and the
 * waiting request's periodic re-read is the net (wait-for-verdict.ts).
 */

export type VerdictWatch = {
  /** Resolves true when the submission settles (or the process shuts down), false on timeout or abort. */
  until(timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  /** Stop watching (idempotent); always call it, in a `finally`. */
  cancel(): void;
};

export type VerdictEvents = {
  /**
   * Start watching before reading the row: a verdict landing between the read
   * and the wait then still wakes the watcher instead of being missed.
   */
  watch(submissionId: string): VerdictWatch;
  /** The queue finished with this submission (verdict or ERRORED). */
  settled(submissionId: string): void;
  /** Watches currently open (tests, metrics). */
  watching(): number;
  /** The process is stopping: wake every watcher now, and every later one at once. */
  shutdown(): void;
  /** Whether shutdown() was called. */
  stopping(): boolean;
};

export function createVerdictEvents(): VerdictEvents {
  const watchers = new Map<string, Set<() => void>>();
  let open = 0;
  let stopping = false;

  return {
    watch(submissionId) {
      let fired = false;
      let wake: (() => void) | null = null;
      const onSettled = () => {
        fired = true;
        wake?.();
      };
      let set = watchers.get(submissionId);
      if (!set) watchers.set(submissionId, (set = new Set()));
      set.add(onSettled);
      open += 1;
      let cancelled = false;
      const cancel = () => {
        if (cancelled) return;
        cancelled = true;
        open -= 1;
        const current = watchers.get(submissionId);
        current?.delete(onSettled);
        if (current?.size === 0) watchers.delete(submissionId);
      };
      return {
        cancel,
        until(timeoutMs, signal) {
          if (fired || stopping) return Promise.resolve(true);
          if (signal?.aborted || timeoutMs <= 0) return Promise.resolve(false);
          return new Promise<boolean>((resolve) => {
            const finish = (value: boolean) => {
              clearTimeout(timer);
              signal?.removeEventListener("abort", onAbort);
              wake = null;
              resolve(value);
            };
            const onAbort = () => finish(false);
            const timer = setTimeout(() => finish(false), timeoutMs);
            signal?.addEventListener("abort", onAbort, { once: true });
            wake = () => finish(true);
          });
        },
      };
    },
    settled(submissionId) {
      const set = watchers.get(submissionId);
      if (!set) return;
      for (const onSettled of [...set]) onSettled();
    },
    watching: () => open,
    stopping: () => stopping,
    shutdown() {
      stopping = true;
      for (const set of watchers.values()) for (const onSettled of [...set]) onSettled();
    },
  };
}

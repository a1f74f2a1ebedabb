/**
 * The server verifier: a pool of warm, sandboxed verifier processes. A process
 * serves many verifications one after another, each starting from the boot
 * image of the session (lib/judge/boot-image.ts), and is replaced (killed, a
 * new one booted in the background) after any abnormal outcome, after a job
 * the child asks to recycle for (entry.ts), and after `maxJobsPerProcess`
 * jobs. See README.md for why this is safe. Bursts wait in a queue instead of
 * failing.
 *
 *   const pool = createVerifierPool({ timeLimitMs: 10_000 });
 *   const result = await pool.verify({ code, checks });   // a CheckResult, always
 *   await pool.close();
 *
 * Learner-caused problems (errors, infinite loops, memory bombs, escapes,
 * forged replies, a dead process) resolve to a CheckResult; `verify` rejects
 * only when the pool is closed or cannot start processes at all.
 */
import fs from "node:fs";
import os from "node:os";
import { readPackageFiles } from "../python/load-package";
import { z } from "zod";
import { CheckFileSchema, checkResultWithoutReply, type CheckFile, type CheckResult } from "../grading/result";
import { ensureEntryBuilt, ensureSnapshot, PROCESS_OVERHEAD_BYTES, verifierPaths } from "./artifacts";
import { VerifierProcess, type ProcessOutcome } from "./process";
import type { VerifierArgs } from "./protocol";
import { buildSandboxCommand, sandboxStatus, type SandboxLayers, type SandboxStatus } from "./sandbox";

export type VerifyJob = {
  /** The learner's solution.py. */
  code: string;
  /** Visible and hidden check files. */
  checks: CheckFile[];
  /** Overrides the pool's time limit for this job. */
  timeLimitMs?: number;
  /** The exercise's heap ceiling; capped at the pool's `memoryLimitBytes`. */
  memoryLimitBytes?: number;
};

export type VerifierPoolOptions = {
  /** Warm processes kept ready. Default: one per CPU. */
  size?: number;
  /** Default time limit per verification (the harness's budget; the parent kills after limit + grace). */
  timeLimitMs?: number;
  /** Python heap ceiling per process; the OS data limit adds room for Node itself. */
  memoryLimitBytes?: number;
  /** Time after the limit before the parent SIGKILLs a process that has not replied. */
  graceMs?: number;
  /** Use a memory snapshot for fast boots (falls back to cold loads when it fails). */
  snapshot?: boolean;
  /** Repository root (where node_modules/pyodide and lib/ are). Default: process.cwd(). */
  rootDir?: string;
  /** The `leakless` Python package sources. Default: lib/python's readPackageFiles(). */
  packageFiles?: Record<string, string>;
  /**
   * Jobs one process may serve before it is replaced even if every check after
   * every job was clean (default 1000). 1 restores "one process per verification".
   */
  maxJobsPerProcess?: number;
  /** Tests only: switch sandbox layers off to show what each one stops. */
  sandboxLayers?: Partial<SandboxLayers>;
  /** Where warnings go (crashes with their stderr, snapshot problems). Default: console.warn. */
  log?: (message: string) => void;
};

export type VerifierPoolStats = {
  size: number;
  /** Processes booted and waiting for a job. */
  warm: number;
  booting: number;
  busy: number;
  queued: number;
  completed: number;
  /** Jobs that hit their time limit: stopped by their process, or killed by the pool. */
  timeouts: number;
  crashes: number;
  retries: number;
  /** Processes replaced after a job: abnormal outcome, the child's recycle reason, job count. */
  recycled: number;
  /** Why the last few processes were replaced (last 20), for logs and tests. */
  recycleReasons: string[];
  sandbox: SandboxStatus;
  /** Null until known; false when processes load Pyodide cold. */
  snapshot: boolean | null;
  snapshotReason: string | null;
  /** Boot time of each process that became ready, as the child measured it (last 100). */
  bootMs: number[];
  /** Resident memory of each warm process tree (sh/bwrap/node), in bytes; Linux only. */
  warmRssBytes: number[];
  /**
   * Where recent jobs' time went (last 500 per stage), in ms: the child's own
   * stages (parse, check: see entry.ts), the
   * parent's round trip, and "ipc" (round trip minus the child's stages:
   * pipes, JSON, scheduling). For measurements only.
   */
  stageMs: Record<string, number[]>;
};

/** A verification with what the pool knows about how it went. */
export type PoolVerification = {
  result: CheckResult;
  /**
   * Set when no process could finish the job: one died (or answered garbage)
   * without a valid reply, and so did the one that retried it. `result` is then
   * a "crashed" result; the caller may prefer to report a verifier failure.
   */
  processFailure: string | null;
};

export type VerifierPool = {
  verify(job: VerifyJob): Promise<CheckResult>;
  /** Like verify, and says whether the job's processes died on it (see PoolVerification). */
  verifyDetailed(job: VerifyJob): Promise<PoolVerification>;
  stats(): VerifierPoolStats;
  /** Kills every process; pending and queued verifications reject. */
  close(): Promise<void>;
  /** Resolves when `size` processes are warm (tests and benchmarks; verify() does not need it). */
  warmedUp(): Promise<void>;
};

const DEFAULTS = {
  timeLimitMs: 10_000,
  memoryLimitBytes: 512 * 1024 * 1024,
  graceMs: 2_000,
  bootTimeoutMs: 60_000,
  /** V8's own heap: learner JS through `js` lives here. */
  maxOldSpaceMb: 256,
  /** After this many boot failures in a row the pool stops trying and rejects. */
  maxConsecutiveBootFailures: 3,
  maxJobsPerProcess: 1000,
};

/** The longest time limit a job may ask for; more is a caller's bug, not a learner's. */
export const MAX_TIME_LIMIT_MS = 120_000;
const CPU_LIMIT_SECONDS = 60 + 2 * (MAX_TIME_LIMIT_MS / 1000);

type QueuedJob = {
  job: VerifyJob;
  resolve: (verification: PoolVerification) => void;
  reject: (error: Error) => void;
  /** 0 for the first try, 1 for the one retry after a crash. */
  attempt: 0 | 1;
};

export function createVerifierPool(options: VerifierPoolOptions = {}): VerifierPool {
  const size = Math.max(1, options.size ?? os.cpus().length);
  const timeLimitMs = options.timeLimitMs ?? DEFAULTS.timeLimitMs;
  const memoryLimitBytes = options.memoryLimitBytes ?? DEFAULTS.memoryLimitBytes;
  const graceMs = options.graceMs ?? DEFAULTS.graceMs;
  const maxJobsPerProcess = Math.max(1, options.maxJobsPerProcess ?? DEFAULTS.maxJobsPerProcess);
  const log = options.log ?? ((message: string) => console.warn(message));
  const paths = verifierPaths(options.rootDir);
  const packageFiles = options.packageFiles ?? readPackageFiles();

  const warm: VerifierProcess[] = [];
  const booting = new Set<VerifierProcess>();
  const busy = new Set<VerifierProcess>();
  const queue: QueuedJob[] = [];
  const inFlight = new Set<QueuedJob>();
  const bootTimes: number[] = [];
  const counters = { completed: 0, timeouts: 0, crashes: 0, retries: 0, recycled: 0 };
  const recycleReasons: string[] = [];
  const stageSamples: Record<string, number[]> = {};
  let snapshotPath: string | null = null;
  let snapshotState: { used: boolean; reason: string } | null = null;
  let closed = false;
  let consecutiveBootFailures = 0;
  let fatal: Error | null = null;
  /** The bundle or the snapshot step failed: nothing to retry with. */
  let startFailed = false;
  let warmWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];

  const initialized = (async () => {
    await ensureEntryBuilt(paths);
    if (options.snapshot !== false) {
      const outcome = await ensureSnapshot(paths, packageFiles, { memoryLimitBytes, layers: options.sandboxLayers });
      snapshotPath = outcome.path;
      if (!outcome.path) log(`[verifier] no memory snapshot, processes will load Pyodide cold (${outcome.reason})`);
    }
    snapshotState = {
      used: snapshotPath !== null,
      reason: options.snapshot === false ? "disabled" : snapshotPath ? "ok" : "unavailable",
    };
  })();
  initialized.then(
    () => fillPool(),
    (error: unknown) => {
      startFailed = true;
      failPool(new Error(`verifier pool could not start: ${String(error instanceof Error ? error.message : error)}`));
    },
  );

  function spawnProcess(): VerifierProcess {
    if (snapshotPath && !fs.existsSync(snapshotPath)) {
      // Removed from under us (superseded long ago, or by hand): boot cold rather than fail.
      log(`[verifier] snapshot ${snapshotPath} disappeared, processes will load Pyodide cold`);
      snapshotPath = null;
      snapshotState = { used: false, reason: "disappeared" };
    }
    const args: VerifierArgs = { mode: "verify", pyodideDir: paths.pyodideDir, snapshotPath, memoryLimitBytes };
    const command = buildSandboxCommand({
      readablePaths: [paths.pyodideDir, paths.entryPath, ...(snapshotPath ? [snapshotPath] : [])],
      entryPath: paths.entryPath,
      entryArgs: [JSON.stringify(args)],
      memoryLimitBytes: memoryLimitBytes + PROCESS_OVERHEAD_BYTES,
      // A backstop for a parent that stops watching (the parent's timer is the
      // real limit): boot plus the longest job allowed, with room for V8's
      // background threads, which count toward the process's CPU time.
      cpuLimitSeconds: CPU_LIMIT_SECONDS,
      maxOldSpaceMb: DEFAULTS.maxOldSpaceMb,
      layers: options.sandboxLayers,
    });
    return new VerifierProcess({ command, packageFiles, bootTimeoutMs: DEFAULTS.bootTimeoutMs, graceMs });
  }

  /**
   * Keep `size` processes warm, booting, or busy and staying. A busy process
   * on its last job does not count: its replacement boots while it works.
   */
  function fillPool(): void {
    const staying = () => [...busy].filter((child) => child.jobs < maxJobsPerProcess).length;
    while (!closed && !fatal && warm.length + booting.size + staying() < size) {
      const child = spawnProcess();
      booting.add(child);
      child.ready.then(
        (boot) => {
          booting.delete(child);
          consecutiveBootFailures = 0;
          bootTimes.push(boot.bootMs);
          if (bootTimes.length > 100) bootTimes.shift();
          if (closed) return child.kill();
          warm.push(child);
          // A warm process that dies while idle (OOM killer, a stray signal) is replaced at once.
          void child.closed.then(() => {
            const index = warm.indexOf(child);
            if (index >= 0) {
              warm.splice(index, 1);
              fillPool();
            }
          });
          dispatch();
          notifyWarm();
        },
        (error: unknown) => {
          booting.delete(child);
          if (closed) return;
          consecutiveBootFailures += 1;
          log(`[verifier] a process failed to boot: ${String(error instanceof Error ? error.message : error)}`);
          if (consecutiveBootFailures >= DEFAULTS.maxConsecutiveBootFailures) {
            failPool(
              new Error(
                `verifier processes keep failing to boot: ${String(error instanceof Error ? error.message : error)}`,
              ),
            );
          } else {
            fillPool();
          }
        },
      );
    }
  }

  function dispatch(): void {
    while (!closed && queue.length > 0 && warm.length > 0) {
      const child = warm.shift()!;
      if (!child.alive) continue; // died a moment ago; fillPool() below replaces it
      void execute(child, queue.shift()!);
    }
    fillPool();
  }

  async function execute(child: VerifierProcess, queued: QueuedJob): Promise<void> {
    inFlight.add(queued);
    const startedAt = performance.now();
    const outcome = await runOn(child, queued.job, queued.job.timeLimitMs ?? timeLimitMs);
    inFlight.delete(queued);
    if (closed) return; // already rejected by close()
    if (outcome.kind === "result") recordStages(outcome.stageMs, outcome.roundTripMs);
    // The process stopped the code itself at the limit: a timeout as much as one the pool kills.
    if (outcome.kind === "result" && outcome.result.status === "timeout") counters.timeouts += 1;
    if (outcome.kind === "result" && outcome.recycle === null && child.alive && child.jobs < maxJobsPerProcess) {
      warm.push(child); // clean: back to work
    } else {
      const reason =
        outcome.kind === "result"
          ? (outcome.recycle ?? `served ${child.jobs} jobs`)
          : outcome.kind === "timeout"
            ? "killed at the time limit"
            : "died without a valid reply";
      child.kill();
      counters.recycled += 1;
      recycleReasons.push(reason);
      if (recycleReasons.length > 20) recycleReasons.shift();
    }
    dispatch();
    if (outcome.kind === "crashed" && queued.attempt === 0) {
      // A crash can be ours (the OS, a bad boot) as well as the learner's; one
      // retry on another process tells them apart. It jumps the queue: this
      // job already waited its turn once.
      counters.retries += 1;
      log(`[verifier] process crashed, retrying once: ${outcome.message} ${outcome.diagnostics.slice(-1000)}`);
      queue.unshift({ ...queued, attempt: 1 });
      dispatch();
      return;
    }
    counters.completed += 1;
    queued.resolve({
      result: toCheckResult(outcome, performance.now() - startedAt),
      processFailure:
        outcome.kind === "crashed" ? `${outcome.message} ${outcome.diagnostics.slice(-1000)}`.trim() : null,
    });
  }

  function recordStages(childStages: Record<string, number>, roundTripMs: number): void {
    const childTotal = Object.values(childStages).reduce((sum, ms) => sum + ms, 0);
    const samples = { ...childStages, roundTrip: roundTripMs, ipc: Math.max(0, roundTripMs - childTotal) };
    for (const [stage, ms] of Object.entries(samples)) {
      const list = (stageSamples[stage] ??= []);
      list.push(ms);
      if (list.length > 500) list.shift();
    }
  }

  function toCheckResult(outcome: ProcessOutcome, duration: number): CheckResult {
    switch (outcome.kind) {
      case "result":
        return outcome.result;
      case "timeout":
        counters.timeouts += 1;
        return checkResultWithoutReply("timeout", outcome.message, duration);
      case "crashed":
        counters.crashes += 1;
        log(`[verifier] process crashed again: ${outcome.message} ${outcome.diagnostics.slice(-1000)}`);
        return checkResultWithoutReply(
          "crashed",
          `${outcome.message} This usually means the code used too much memory or stopped the interpreter.`,
          duration,
        );
    }
  }

  async function runOn(child: VerifierProcess, job: VerifyJob, limit: number): Promise<ProcessOutcome> {
    busy.add(child);
    try {
      return await child.run({
        code: job.code,
        checks: job.checks,
        timeLimitMs: limit,
        memoryLimitBytes: job.memoryLimitBytes,
      });
    } finally {
      busy.delete(child);
    }
  }

  function notifyWarm(): void {
    const waiters = warmWaiters;
    warmWaiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  function failPool(error: Error): void {
    fatal = error;
    log(`[verifier] ${error.message}`);
    for (const queued of queue.splice(0)) queued.reject(error);
    for (const waiter of warmWaiters.splice(0)) waiter.reject(error);
  }

  function verifyDetailed(job: VerifyJob): Promise<PoolVerification> {
    if (closed) return Promise.reject(new Error("verifier pool is closed"));
    if (fatal && !startFailed) {
      // Boot failures may be transient (a load spike, a full disk): each new
      // request tries again instead of leaving the server without a verifier.
      fatal = null;
      consecutiveBootFailures = 0;
    }
    if (fatal) return Promise.reject(fatal);
    // Check files come from the course, not the learner: a malformed one is
    // the caller's bug, reported here rather than as a "crashed" verdict.
    const checks = z.array(CheckFileSchema).safeParse(job.checks);
    if (!checks.success) return Promise.reject(new Error(`invalid check files: ${checks.error.message}`));
    const limit = job.timeLimitMs ?? timeLimitMs;
    if (!(Number.isInteger(limit) && limit > 0 && limit <= MAX_TIME_LIMIT_MS)) {
      return Promise.reject(new Error(`timeLimitMs must be an integer in 1..${MAX_TIME_LIMIT_MS}, got ${limit}`));
    }
    return new Promise<PoolVerification>((resolve, reject) => {
      queue.push({ job, resolve, reject, attempt: 0 });
      dispatch();
    });
  }

  return {
    verify: (job) => verifyDetailed(job).then((verification) => verification.result),
    verifyDetailed,

    stats() {
      return {
        size,
        warm: warm.length,
        booting: booting.size,
        busy: busy.size,
        queued: queue.length,
        ...counters,
        recycleReasons: [...recycleReasons],
        sandbox: sandboxStatus(),
        snapshot: snapshotState?.used ?? null,
        snapshotReason: snapshotState?.reason ?? null,
        bootMs: [...bootTimes],
        warmRssBytes: warm.map((child) => child.rssBytes()).filter((rss): rss is number => rss !== null),
        stageMs: Object.fromEntries(Object.entries(stageSamples).map(([stage, list]) => [stage, [...list]])),
      };
    },

    async warmedUp() {
      await initialized;
      while (warm.length < size) {
        if (fatal) throw fatal;
        await new Promise<void>((resolve, reject) => warmWaiters.push({ resolve, reject }));
      }
    },

    async close() {
      closed = true;
      const error = new Error("verifier pool is closed");
      for (const queued of [...queue.splice(0), ...inFlight]) queued.reject(error);
      for (const waiter of warmWaiters.splice(0)) waiter.reject(error);
      await initialized.catch(() => {});
      const all = [...warm.splice(0), ...booting, ...busy];
      for (const child of all) child.kill();
      await Promise.all(all.map((child) => child.closed));
    },
  };
}

/**
 * One verification in a pool of one, for CLI use (the exercises:check
 * pipeline should keep a pool for the whole run instead).
 */
export async function verifyOnce(
  job: VerifyJob,
  options: Omit<VerifierPoolOptions, "size"> = {},
): Promise<CheckResult> {
  const pool = createVerifierPool({ ...options, size: 1 });
  try {
    return await pool.verify(job);
  } finally {
    await pool.close();
  }
}

/**
 * The wire protocol between the pool (parent, trusted) and one verifier
 * process (child, runs learner code, untrusted once that code has started).
 *
 * Framing is newline-delimited JSON on the child's stdin/stdout:
 *   parent → child  BootMessage                             once, at spawn
 *   child → parent  {"type":"ready", bootMs, snapshot}      once, before any learner code runs
 *   then, per job, until the parent kills the child:
 *   parent → child  <nonce line> VerifierJob                a fresh nonce for every job
 *   child → parent  {"type":"reply", nonce, resultJson, recycle, heapBytes, jobs}
 *
 * Learner code shares the child's stdout (it can reach `process.stdout` through
 * Pyodide's `js` module), so the parent treats every line after "ready" as
 * hostile: it only accepts a reply whose nonce matches the one it generated for
 * this job, and it parses `resultJson` with CheckResultSchema. The nonce never
 * enters Python and lives only in a closure in the child (see entry.ts).
 */
import { z } from "zod";
import { CheckFileSchema } from "../grading/result";

/**
 * Job sent to a warm child. The nonce travels on its own line just before it
 * (64 hex characters) so the child can keep it as bytes, never as a JS string
 * (see entry.ts).
 */
export const VerifierJobSchema = z.object({
  type: z.literal("job"),
  code: z.string(),
  checks: z.array(CheckFileSchema),
  timeLimitMs: z.number().int().positive(),
  /** The exercise's own ceiling for the Python heap (at most the process's). */
  memoryLimitBytes: z.number().int().positive().optional(),
});
export type VerifierJob = z.infer<typeof VerifierJobSchema>;

export const ReadyMessageSchema = z.object({
  type: z.literal("ready"),
  /** Time from process start to "interpreter ready", measured inside the child. */
  bootMs: z.number().nonnegative(),
  /** True when the interpreter came from a memory snapshot, false for a cold load. */
  snapshot: z.boolean(),
});
export type ReadyMessage = z.infer<typeof ReadyMessageSchema>;

export const ReplyMessageSchema = z.object({
  type: z.literal("reply"),
  nonce: z.string(),
  /** The harness's CheckResult as a JSON string; the parent parses and validates it. */
  resultJson: z.string(),
  /**
   * Null when the process may take another job; otherwise why not (an abnormal
   * outcome, heap growth, an integrity difference). The parent recycles on
   * anything but null, and also when the field is missing or malformed.
   */
  recycle: z.string().nullable(),
  /** The wasm heap after the job, in bytes (for logs and benchmarks). */
  heapBytes: z.number().int().nonnegative(),
  /** Jobs this process has run, this one included. */
  jobs: z.number().int().positive(),
  /**
   * Where the child spent this job's time, in ms (for benchmarks and logs;
   * never trusted for a decision): parse, the harness's check run, cleanup
   * and the after-job checks.
   */
  stageMs: z.record(z.string(), z.number().nonnegative()).optional(),
});
export type ReplyMessage = z.infer<typeof ReplyMessageSchema>;

/**
 * First line a child reads, before it loads Pyodide: the `leakless` package
 * sources (path → text, from lib/python). Sent by the parent so the child needs
 * no read access to the repository.
 */
export const BootMessageSchema = z.object({
  type: z.literal("boot"),
  packageFiles: z.record(z.string(), z.string()),
});
export type BootMessage = z.infer<typeof BootMessageSchema>;

/**
 * Header a snapshot-making child (mode "snapshot", no learner code involved)
 * writes before the raw snapshot bytes; `bytes` is 0 with an `error` when the
 * Pyodide build could not make one.
 */
export const SnapshotHeaderSchema = z.object({
  type: z.literal("snapshot"),
  bytes: z.number().int().nonnegative(),
  error: z.string().optional(),
});
export type SnapshotHeader = z.infer<typeof SnapshotHeaderSchema>;

/** How the child learns its mode and its files; passed as one argv JSON argument. */
export const VerifierArgsSchema = z.object({
  mode: z.enum(["verify", "snapshot"]),
  /** Directory holding pyodide.mjs, pyodide.asm.wasm, python_stdlib.zip ... (trailing slash). */
  pyodideDir: z.string(),
  /** Memory snapshot to restore from; null → cold load. */
  snapshotPath: z.string().nullable(),
  /** Limit passed to the Python session, in bytes (the OS limit is set separately). */
  memoryLimitBytes: z.number().int().positive(),
});
export type VerifierArgs = z.infer<typeof VerifierArgsSchema>;

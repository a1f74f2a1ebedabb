/**
 * The message protocol between an exercise page (trusted) and its Python
 * worker (`public/runner/worker.mjs`, untrusted once learner code has run).
 *
 * Written before the worker and the client, like JupyterLite's `tokens.ts`:
 * both sides import these schemas, and both sides parse every incoming message
 * with them. Unknown or malformed messages are dropped, never trusted.
 *
 *   page → worker   init                                      once, first
 *   worker → page   progress* … ready | fatal                 while loading
 *   page → worker   run | check | ping   {id, nonce}          any time after init
 *   worker → page   result | pong        {id, nonce}          one reply per request
 *   worker → page   fatal                                      the worker is unusable
 *
 * Why a nonce as well as an id: learner Python inside the worker can call
 * `postMessage` (`from js import postMessage`) and forge a well-formed
 * `result` with a guessable id. The page generates a fresh random nonce per
 * request; the worker keeps it only in a JavaScript closure while the request
 * runs and echoes it in the reply; the page drops replies whose nonce does not
 * match. What that does and does not protect is written down in
 * `browser-client.ts`.
 */
import * as z from "zod";
import { CheckFileSchema, CheckResultSchema, RunResultSchema } from "../grading/result";

// In the browser (the page and the worker) zod parses a handful of these messages: its JIT, a
// `new Function` per schema on the first parse, cost the page's main thread more than it saved
// right when the first result arrived, and in the worker its probe for `new Function` is refused
// by the worker's CSP (zod: strict CSPs report the probe). Servers (the verifier) keep the JIT.
if (typeof window !== "undefined" || "WorkerGlobalScope" in globalThis) z.config({ jitless: true });

/** Bump when a message changes shape; the page and the worker are built together. */
export const PROTOCOL_VERSION = 1 as const;

/** Correlates a reply with its request; unique per page, not secret. */
const RequestIdSchema = z.number().int().nonnegative();

/** 128 random bits as 32 lowercase hex characters, fresh for every request. */
export const NonceSchema = z.string().regex(/^[0-9a-f]{32}$/);

/** Options shared by `run` and `check`; forwarded to the Python harness. */
export const ExecutionOptionsSchema = z.object({
  /** Wall-clock budget of this request. The page enforces it (interrupt, then terminate). */
  timeLimitMs: z.number().int().positive().max(600_000),
  /** Bytes of stdout and stderr together that are kept; the rest is dropped and `truncated` is set. */
  outputLimit: z.number().int().positive().max(10_000_000),
  /** Seed for `random`, so a check run is reproducible. */
  seed: z.number().int(),
  /** Ask the harness for a memory report (the Memory panel); run only. */
  memoryReport: z.boolean(),
});
export type ExecutionOptions = z.infer<typeof ExecutionOptionsSchema>;

// ---------------------------------------------------------------- page → worker

/** First message: configures the worker, which then starts loading Pyodide. */
export const InitMessageSchema = z.object({
  type: z.literal("init"),
  protocol: z.literal(PROTOCOL_VERSION),
  /** Base URL of the Pyodide files, with trailing slash, e.g. "/pyodide/314.0.7/". */
  indexURL: z.string().min(1),
  /** Heap growth past this many bytes raises MemoryError in Python instead of killing the tab. */
  memoryLimitBytes: z.number().int().positive(),
  /**
   * Shared Int32Array(1) the page writes 2 (SIGINT) into to interrupt a run.
   * Only present when the page is cross-origin isolated (SharedArrayBuffer exists).
   */
  interruptBuffer: z.custom<Int32Array>((value) => value instanceof Int32Array && value.length >= 2).optional(),
  /**
   * "make": when no memory snapshot is cached in the browser, store one (the
   * server's first-visit snapshot once restored, else one made in snapshot
   * mode; the runner's warm spare does; see snapshot-cache.ts). Any worker
   * restores from a snapshot when there is one.
   */
  snapshot: z.literal("make").optional(),
});
export type InitMessage = z.infer<typeof InitMessageSchema>;

/** Run learner code as a script (the "Run" button). */
export const RunRequestSchema = z.object({
  type: z.literal("run"),
  id: RequestIdSchema,
  nonce: NonceSchema,
  code: z.string().max(1_000_000),
  options: ExecutionOptionsSchema,
});
export type RunRequest = z.infer<typeof RunRequestSchema>;

/** Run the visible checks against learner code (the "Check" button). */
export const CheckRequestSchema = z.object({
  type: z.literal("check"),
  id: RequestIdSchema,
  nonce: NonceSchema,
  code: z.string().max(1_000_000),
  /** Visible checks only: hidden checks never leave the server. */
  checks: z.array(CheckFileSchema).max(50),
  options: ExecutionOptionsSchema,
});
export type CheckRequest = z.infer<typeof CheckRequestSchema>;

/** Liveness and heap probe; answered with `pong` (the worker must be idle to answer). */
export const PingRequestSchema = z.object({
  type: z.literal("ping"),
  id: RequestIdSchema,
  nonce: NonceSchema,
});
export type PingRequest = z.infer<typeof PingRequestSchema>;

/** A request that expects exactly one reply carrying the same id and nonce. */
export const WorkerRequestSchema = z.discriminatedUnion("type", [
  RunRequestSchema,
  CheckRequestSchema,
  PingRequestSchema,
]);
export type WorkerRequest = z.infer<typeof WorkerRequestSchema>;

/** Anything the page may send. */
export const PageMessageSchema = z.discriminatedUnion("type", [
  InitMessageSchema,
  RunRequestSchema,
  CheckRequestSchema,
  PingRequestSchema,
]);
export type PageMessage = z.infer<typeof PageMessageSchema>;

// ---------------------------------------------------------------- worker → page

/**
 * Start-up stages, in order:
 * - download: fetching pyodide.asm.wasm and python_stdlib.zip (bytes reported when known);
 * - instantiate: compiling and instantiating the WebAssembly module;
 * - stdlib: booting the interpreter over the standard library;
 * - package: installing the `leakless` check package;
 * - ready: the worker accepts requests.
 */
export const LoadStageSchema = z.enum(["download", "instantiate", "stdlib", "package", "ready"]);
export type LoadStage = z.infer<typeof LoadStageSchema>;

/** Start-up progress, for a loading bar. */
export const ProgressMessageSchema = z.object({
  type: z.literal("progress"),
  stage: LoadStageSchema,
  /** Bytes downloaded so far (download stage only). */
  loadedBytes: z.number().nonnegative().optional(),
  /** Expected bytes, when the server sent Content-Length for every file. */
  totalBytes: z.number().nonnegative().optional(),
});
export type ProgressMessage = z.infer<typeof ProgressMessageSchema>;

/** The interpreter is loaded and the `leakless` package installed. */
export const ReadyMessageSchema = z.object({
  type: z.literal("ready"),
  pyodideVersion: z.string(),
  /** True when the worker honours the interrupt buffer (page was cross-origin isolated). */
  interruptible: z.boolean(),
  /** Milliseconds from `init` to ready, measured in the worker. */
  loadMs: z.number().nonnegative(),
  /**
   * How the interpreter came to be (snapshot-cache.ts): restored from the
   * browser's cached snapshot, from the server's first-visit snapshot, made
   * (a snapshot was stored for later visits), or neither (a cold boot).
   */
  snapshot: z.enum(["restored", "first-visit", "made", "none"]).optional(),
});
export type ReadyMessage = z.infer<typeof ReadyMessageSchema>;

/** Per-reply state of the worker, so the page can recycle it before the next request. */
const WorkerHealthSchema = z.object({
  /** WebAssembly heap size after the request, in bytes (a wasm heap never shrinks). */
  heapBytes: z.number().int().nonnegative(),
  /** The session asks to be replaced (fatal error, or heap past its threshold). */
  needsRecycle: z.boolean(),
});

/** Reply to `run`. */
export const RunReplySchema = WorkerHealthSchema.extend({
  type: z.literal("result"),
  kind: z.literal("run"),
  id: RequestIdSchema,
  nonce: NonceSchema,
  result: RunResultSchema,
});
export type RunReply = z.infer<typeof RunReplySchema>;

/** Reply to `check`. */
export const CheckReplySchema = WorkerHealthSchema.extend({
  type: z.literal("result"),
  kind: z.literal("check"),
  id: RequestIdSchema,
  nonce: NonceSchema,
  result: CheckResultSchema,
});
export type CheckReply = z.infer<typeof CheckReplySchema>;

/** Reply to `ping`. */
export const PongMessageSchema = WorkerHealthSchema.extend({
  type: z.literal("pong"),
  id: RequestIdSchema,
  nonce: NonceSchema,
});
export type PongMessage = z.infer<typeof PongMessageSchema>;

/**
 * The worker cannot continue (Pyodide failed to load, the interpreter died).
 * Not authenticated: learner code can forge one, which only makes its own page
 * replace the worker.
 */
export const FatalMessageSchema = z.object({
  type: z.literal("fatal"),
  message: z.string().max(10_000),
});
export type FatalMessage = z.infer<typeof FatalMessageSchema>;

/** Anything the worker may send. `result` is split by `kind` so each parses with its own result schema. */
export const WorkerMessageSchema = z.union([
  ProgressMessageSchema,
  ReadyMessageSchema,
  RunReplySchema,
  CheckReplySchema,
  PongMessageSchema,
  FatalMessageSchema,
]);
export type WorkerMessage = z.infer<typeof WorkerMessageSchema>;

/** Parse a message received by the worker; null for anything malformed or unknown. */
export function parsePageMessage(data: unknown): PageMessage | null {
  const parsed = PageMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** Parse a message received by the page; null for anything malformed or unknown. */
export function parseWorkerMessage(data: unknown): WorkerMessage | null {
  const parsed = WorkerMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** A fresh request nonce (Web Crypto exists in browsers, workers and Node ≥ 19). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * One Python interpreter plus the `leakless` check package, used the same way
 * by both hosts: the browser worker (`browser-worker.ts`) and the server
 * verifier (`lib/verifier`). Host differences come in as options: how to load
 * Pyodide, where its files are, and who can interrupt a run.
 *
 * What the session adds around `leakless.harness.execute`:
 * - a heap ceiling (memory-cap.ts): a memory bomb is a MemoryError, not a dead host;
 * - fd-level output capture: the harness captures `sys.stdout`, but
 *   `os.write(1, ...)` goes straight to Pyodide's stdout device; we catch it
 *   unbuffered and capped, and append it to the result;
 * - time limits through the interrupt buffer (interrupt.ts), when the host has one;
 * - parsing of every harness reply with the shared zod schemas;
 * - a "replace me" flag (`needsRecycle`) after a fatal error or heap growth.
 *
 * The session never throws from `run`/`check`: every outcome is a RunResult or
 * CheckResult (a Python failure is a result; a dead interpreter is "crashed").
 */
import type { PyodideAPI, PyodideConfig } from "pyodide";
import {
  CheckResultSchema,
  RESULT_VERSION,
  RunResultSchema,
  type CheckFile,
  type CheckResult,
  type RunResult,
} from "../grading/result";
// install-package, not load-package: this module is bundled for the browser too.
import { installPackage } from "../python/install-package";
import { capMemory } from "./memory-cap";
import { clearInterrupt, takenInterrupt, type InterruptReason } from "./interrupt";
import type { ExecutionOptions, LoadStage } from "./protocol";

/** A watchdog arms a timer per run that requests a "timeout" interrupt (see node-watchdog.ts). */
export interface RunWatchdog {
  arm(ms: number): () => void;
}

export interface PythonSessionOptions {
  /** Pyodide's `loadPyodide`, imported by the host (npm package in Node, public URL in the browser). */
  loadPyodide: (config: PyodideConfig) => Promise<PyodideAPI>;
  /** Directory or URL of the Pyodide files, with trailing slash. */
  indexURL?: string;
  /** The `leakless` package sources, path → text (see lib/python/load-package.ts). */
  packageFiles: Record<string, string>;
  /** Heap ceiling in bytes; growth past it makes the allocation fail with MemoryError. */
  memoryLimitBytes: number;
  /**
   * Heap size past which `needsRecycle()` turns true (a wasm heap never
   * shrinks, so a session that once ballooned keeps that memory until
   * replaced). Default: 3/4 of `memoryLimitBytes`.
   */
  recycleHeapBytes?: number;
  /**
   * Int32Array(2) over a SharedArrayBuffer (interrupt.ts). Another thread (the
   * page, a watchdog) stops a run with `requestInterrupt(buffer, reason)`: the
   * run itself is synchronous, so nothing on this thread can. Without a
   * buffer, runs cannot be interrupted and only killing the host stops them.
   */
  interruptBuffer?: Int32Array;
  /** Arms a per-run time limit on `interruptBuffer`; omit when the host interrupts itself (the page). */
  watchdog?: RunWatchdog;
  /** Start-up stages after download (instantiate, stdlib, package, ready). */
  onProgress?: (stage: LoadStage) => void;
  /** Extra Pyodide options for host-specific needs (e.g. `_loadSnapshot` in the verifier). */
  pyodideConfig?: Partial<PyodideConfig>;
}

export const DEFAULT_EXECUTION_OPTIONS: ExecutionOptions = {
  timeLimitMs: 10_000,
  /** Bytes of stdout+stderr together, as the harness counts them. */
  outputLimit: 64_000,
  seed: 0,
  memoryReport: false,
};

export type RunOptionsInput = Partial<ExecutionOptions>;

export interface PythonSession {
  /** Run learner code as a script. */
  run(code: string, options?: RunOptionsInput): Promise<RunResult>;
  /** Run check files against learner code. */
  check(code: string, checks: CheckFile[], options?: RunOptionsInput): Promise<CheckResult>;
  /** Current WebAssembly heap size in bytes. */
  heapBytes(): number;
  /**
   * Lower (or restore) the heap ceiling for the next runs, e.g. to an
   * exercise's own memory limit; never above the session's `memoryLimitBytes`.
   */
  setMemoryLimit(bytes: number): void;
  /** True when this session should be replaced before the next run. */
  needsRecycle(): boolean;
  /** Why `needsRecycle()` is true, for logs; null when it is not. */
  recycleReason(): string | null;
  /** The Pyodide version actually loaded. */
  readonly pyodideVersion: string;
  /** Whether runs can be interrupted (an interrupt buffer was installed). */
  readonly interruptible: boolean;
  /**
   * The raw interpreter, for host-level needs only (the verifier's memory
   * snapshots). Learner code must only ever reach it through run/check.
   */
  readonly pyodide: PyodideAPI;
}

/** Pyodide internals we rely on; checked at start-up so an upgrade fails loudly. */
interface PyodideModuleInternals {
  memory?: WebAssembly.Memory;
}

/** A PythonError from Pyodide carries the Python exception type name. */
function pythonErrorType(error: unknown): string | null {
  if (error instanceof Error && error.constructor.name === "PythonError") {
    const type = (error as Error & { type?: unknown }).type;
    return typeof type === "string" ? type : "Exception";
  }
  return null;
}

/** Unbuffered capture of what Python writes to fd 1 or 2, capped in bytes. */
class FdCapture {
  private chunks: Uint8Array[] = [];
  private bytes = 0;
  truncated = false;
  constructor(private limit: number) {}

  /** Pyodide's raw `write` handler: must report every byte as written, even those dropped. */
  write = (buffer: Uint8Array): number => {
    const room = this.limit - this.bytes;
    if (buffer.length > room) this.truncated = true;
    if (room > 0) {
      // Pyodide reuses its buffer between calls: copy.
      const kept = buffer.slice(0, room);
      this.chunks.push(kept);
      this.bytes += kept.length;
    }
    return buffer.length;
  };

  reset(limit: number): void {
    this.chunks = [];
    this.bytes = 0;
    this.truncated = false;
    this.limit = limit;
  }

  take(): Uint8Array {
    const all = new Uint8Array(this.bytes);
    let offset = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    return all;
  }
}

const utf8 = new TextEncoder();

/**
 * Fd-level output goes after the harness's own capture, within the same byte
 * budget the harness uses for stdout+stderr together (`outputLimit`).
 */
function mergeOutput(
  harness: { stdout: string; stderr: string; truncated: boolean },
  fdOut: FdCapture,
  fdErr: FdCapture,
  limit: number,
): { stdout: string; stderr: string; truncated: boolean } {
  let room = Math.max(0, limit - utf8.encode(harness.stdout).length - utf8.encode(harness.stderr).length);
  let cut = false;
  const fit = (bytes: Uint8Array): string => {
    if (bytes.length > room) cut = true;
    const kept = bytes.subarray(0, room);
    room -= kept.length;
    // A cut inside a multi-byte character decodes to U+FFFD, which is honest about the cut.
    return new TextDecoder().decode(kept);
  };
  const stdout = harness.stdout + fit(fdOut.take());
  const stderr = harness.stderr + fit(fdErr.take());
  const fdCut = cut || fdOut.truncated || fdErr.truncated;
  return {
    // The same notice the harness appends when it cuts (leakless/_output.py), once.
    stdout: fdCut && !harness.truncated ? `${stdout}\n… output truncated (limit ${limit} bytes)\n` : stdout,
    stderr,
    truncated: harness.truncated || fdCut,
  };
}

const INTERRUPT_MESSAGES: Record<InterruptReason, (limitMs: number) => string> = {
  timeout: (limitMs) => `Stopped: the code was still running after the time limit of ${limitMs} ms.`,
  stop: () => "Stopped by the Stop button.",
};

export async function createPythonSession(options: PythonSessionOptions): Promise<PythonSession> {
  const { memoryLimitBytes, interruptBuffer, watchdog, onProgress } = options;
  const recycleHeapBytes = options.recycleHeapBytes ?? Math.floor(memoryLimitBytes * 0.75);
  if (watchdog && !interruptBuffer) throw new Error("a watchdog needs an interruptBuffer");

  onProgress?.("instantiate");
  const pyodide = await options.loadPyodide({
    ...options.pyodideConfig,
    ...(options.indexURL ? { indexURL: options.indexURL } : {}),
    // Called once the standard library is in the file system, just before the interpreter starts.
    fsInit: async () => onProgress?.("stdlib"),
  });

  const memory = (pyodide as unknown as { _module: PyodideModuleInternals })._module.memory;
  if (!(memory instanceof WebAssembly.Memory)) {
    throw new Error("Pyodide no longer exposes its WebAssembly memory as _module.memory; update memory-cap");
  }
  capMemory(memory, memoryLimitBytes);

  const stdout = new FdCapture(DEFAULT_EXECUTION_OPTIONS.outputLimit);
  const stderr = new FdCapture(DEFAULT_EXECUTION_OPTIONS.outputLimit);
  pyodide.setStdout({ write: stdout.write });
  pyodide.setStderr({ write: stderr.write });
  if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);

  onProgress?.("package");
  installPackage(pyodide, options.packageFiles);
  // Looked up once: learner code runs in the same interpreter and could
  // rebind `leakless.harness.execute` for later lookups. (The proxy lives as
  // long as the session; destroying the module proxy would destroy it too.)
  const executeInPython = pyodide.pyimport("leakless.harness").execute as (requestJson: string) => string;
  onProgress?.("ready");

  let fatalReason: string | null = null;

  function recycleReason(): string | null {
    if (fatalReason) return fatalReason;
    const heap = memory!.buffer.byteLength;
    return heap > recycleHeapBytes ? `heap grew to ${heap} bytes (threshold ${recycleHeapBytes})` : null;
  }

  /**
   * One call into the harness. Returns the parsed result, or a description of
   * what went wrong so the caller can build a result of its own kind.
   */
  function execute(
    op: "run" | "check",
    code: string,
    checks: CheckFile[],
    opts: ExecutionOptions,
  ):
    { parsed: unknown; failure: null } | { parsed: null; failure: { status: "timeout" | "crashed"; message: string } } {
    stdout.reset(opts.outputLimit);
    stderr.reset(opts.outputLimit);
    if (fatalReason) {
      return {
        parsed: null,
        failure: { status: "crashed", message: `The Python interpreter stopped working earlier (${fatalReason}).` },
      };
    }
    if (interruptBuffer) clearInterrupt(interruptBuffer);
    const request = JSON.stringify({ op, code, checks, options: opts });
    const disarm = watchdog?.arm(opts.timeLimitMs);
    let raw: unknown;
    let thrown: unknown = null;
    try {
      raw = executeInPython(request);
    } catch (error) {
      thrown = error;
    } finally {
      disarm?.();
    }
    const interrupted = interruptBuffer ? takenInterrupt(interruptBuffer) : null;
    if (interruptBuffer) clearInterrupt(interruptBuffer);

    if (thrown !== null) {
      const type = pythonErrorType(thrown);
      if (type === "KeyboardInterrupt" && interrupted) {
        return {
          parsed: null,
          failure: { status: "timeout", message: INTERRUPT_MESSAGES[interrupted](opts.timeLimitMs) },
        };
      }
      if (type === null) {
        // A JavaScript-level failure (wasm trap, abort, fatal Pyodide error): the interpreter is not trustworthy any more.
        fatalReason = `fatal error: ${String(thrown instanceof Error ? thrown.message : thrown).slice(0, 500)}`;
      } else {
        // The harness promises never to raise; if it did (e.g. MemoryError while
        // reporting), its state is unknown, so ask for a fresh interpreter.
        fatalReason = `the harness raised ${type}`;
      }
      return { parsed: null, failure: { status: "crashed", message: `The Python runner failed: ${fatalReason}.` } };
    }

    let parsed: unknown;
    try {
      parsed = JSON.parse(String(raw));
    } catch {
      fatalReason = "the harness returned text that is not JSON";
      return { parsed: null, failure: { status: "crashed", message: `The Python runner failed: ${fatalReason}.` } };
    }
    if (interrupted && parsed && typeof parsed === "object") {
      // The harness may report the KeyboardInterrupt as an ordinary error (or
      // learner code may have caught it and finished): either way the run hit
      // its limit, which is what the learner needs to hear.
      Object.assign(parsed, { status: "timeout", message: INTERRUPT_MESSAGES[interrupted](opts.timeLimitMs) });
    }
    return { parsed, failure: null };
  }

  function output(opts: ExecutionOptions, harness = { stdout: "", stderr: "", truncated: false }) {
    return mergeOutput(harness, stdout, stderr, opts.outputLimit);
  }

  function invalidHarnessReply(issues: string): string {
    fatalReason = "the harness returned a result that does not match the result schema";
    return `The Python runner failed: ${fatalReason} (${issues.slice(0, 500)}).`;
  }

  return {
    pyodide,
    pyodideVersion: pyodide.version,
    interruptible: interruptBuffer !== undefined,

    async run(code, input) {
      const opts = { ...DEFAULT_EXECUTION_OPTIONS, ...input };
      const started = performance.now();
      const { parsed, failure } = execute("run", code, [], opts);
      const duration = performance.now() - started;
      if (failure === null) {
        const result = RunResultSchema.safeParse(parsed);
        if (result.success) {
          const r = result.data;
          return { ...r, ...output(opts, r) };
        }
        return crashedRun(invalidHarnessReply(result.error.message));
      }
      return failure.status === "timeout"
        ? { ...crashedRun(failure.message), status: "timeout" }
        : crashedRun(failure.message);

      function crashedRun(message: string): RunResult {
        return {
          version: RESULT_VERSION,
          kind: "run",
          status: "crashed",
          message,
          traceback: null,
          duration,
          ...output(opts),
        };
      }
    },

    async check(code, checks, input) {
      const opts = { ...DEFAULT_EXECUTION_OPTIONS, ...input };
      const started = performance.now();
      const { parsed, failure } = execute("check", code, checks, opts);
      const duration = performance.now() - started;
      if (failure === null) {
        const result = CheckResultSchema.safeParse(parsed);
        if (result.success) {
          const r = result.data;
          return { ...r, ...output(opts, r) };
        }
        return crashedCheck(invalidHarnessReply(result.error.message));
      }
      return failure.status === "timeout"
        ? { ...crashedCheck(failure.message), status: "timeout" }
        : crashedCheck(failure.message);

      function crashedCheck(message: string): CheckResult {
        return {
          version: RESULT_VERSION,
          kind: "check",
          status: "crashed",
          message,
          tests: [],
          traceback: null,
          duration,
          ...output(opts),
        };
      }
    },

    heapBytes: () => memory.buffer.byteLength,
    setMemoryLimit: (bytes: number) => capMemory(memory, Math.min(bytes, memoryLimitBytes)),
    needsRecycle: () => recycleReason() !== null,
    recycleReason,
  };
}

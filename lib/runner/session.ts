/**
 * One Pyodide instance with the judge apart from the learner, used the same
 * way by every host: the browser worker (`browser-worker.ts`), the server
 * verifier (`lib/verifier`) and `exercises:check` (through the verifier).
 * Host differences come in as options: how to load Pyodide, where its files
 * are, who can press Stop.
 *
 * What a session is (lib/judge/README.md has the why):
 * - the judge interpreter runs the `leakless` harness and the check files;
 *   the learner's code runs in a second, isolated interpreter with no route
 *   to JavaScript; the host drives both through the C API (lib/judge);
 * - after every run the whole heap is put back as it was at boot (the boot
 *   image), so no run sees anything of the one before;
 * - a heap ceiling (memory-cap.ts): a memory bomb is a MemoryError, not a dead host;
 * - fd-level output capture, unbuffered and capped;
 * - time limits from the session's own clock, checked from inside both
 *   interpreters' eval loops, and the Stop button through the page's
 *   interrupt buffer when it has one;
 * - every harness reply parsed with the shared zod schemas.
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
import { installPackage, writePackageFiles } from "../python/install-package";
import { BootImage, type EmscriptenFS } from "../judge/boot-image";
import { Bridge, COUNTERPART_TYPES } from "../judge/bridge";
import { CApi, selfTest } from "../judge/capi";
import { Interpreters, takeErrorText } from "../judge/interpreters";
import { capMemory, memoryRefusals } from "./memory-cap";
import type { ExecutionOptions, LoadStage } from "./protocol";
import { formatBytes } from "../format/bytes";

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
   * Int32Array(2) over a SharedArrayBuffer (interrupt.ts): the page's Stop
   * button (and its own time limit) write into it; the session's clock
   * enforces time limits with or without it.
   */
  interruptBuffer?: Int32Array;
  /** Start-up stages after download (instantiate, stdlib, package, ready). */
  onProgress?: (stage: LoadStage) => void;
  /**
   * With `_loadSnapshot`: the host will not read the snapshot's bytes again, so
   * the boot image keeps its heap copy in them (resident already: the copy is
   * several times faster than into fresh memory, which matters on the way to
   * first feedback). Without it the copy leaves out zero pages (less memory).
   */
  reuseSnapshotBytes?: boolean;
  /** Extra Pyodide options for host-specific needs (e.g. `_loadSnapshot`). */
  pyodideConfig?: Partial<PyodideConfig>;
}

export const DEFAULT_EXECUTION_OPTIONS: ExecutionOptions = {
  timeLimitMs: 10_000,
  /** Bytes of stdout+stderr together. */
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
  /** Whether the Stop button can interrupt a run (an interrupt buffer was installed). */
  readonly interruptible: boolean;
  /** The raw instance, for host-level needs only. */
  readonly pyodide: PyodideAPI;
  /**
   * With `_makeSnapshot` in `pyodideConfig`: the memory snapshot of the
   * prepared interpreter, taken before the host functions were installed (a
   * snapshot cannot carry them); restore it with `_loadSnapshot`. Else null.
   */
  readonly preparedSnapshot: Uint8Array | null;
}

/** Where the judge's `leakless` package lives in the instance's file system. */
const JUDGE_PACKAGE_ROOT = "/leakless-lib";

/** The learner's own modules (lib/python/learner), first on its sys.path; `_leakless_boot` warms it. */
const LEARNER_BOOT_SOURCE = `import sys\nsys.path.insert(0, "${JUDGE_PACKAGE_ROOT}/learner")\nimport _leakless_boot\ndel sys`;

/** Moves every object of both interpreters so far to the collector's permanent generation (collections skip them). */
function freezeBootObjects(interpreters: Interpreters): void {
  const source = "import gc\ngc.collect()\ngc.freeze()\ndel gc";
  interpreters.inLearner(() => interpreters.runSource(source, "<freeze>"));
  interpreters.inJudge(() => interpreters.runSource(source, "<freeze>"));
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
      const kept = buffer.slice(0, room); // Pyodide reuses its buffer between calls: copy
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

/** stdout and stderr share one byte budget (`outputLimit`). */
function takeOutput(
  out: FdCapture,
  err: FdCapture,
  limit: number,
): { stdout: string; stderr: string; truncated: boolean } {
  let room = limit;
  let cut = out.truncated || err.truncated;
  const fit = (bytes: Uint8Array): string => {
    if (bytes.length > room) cut = true;
    const kept = bytes.subarray(0, Math.max(0, room));
    room -= kept.length;
    // A cut inside a multi-byte character decodes to U+FFFD, which is honest about the cut.
    return new TextDecoder().decode(kept);
  };
  const stdout = fit(out.take());
  const stderr = fit(err.take());
  return {
    stdout: cut ? `${stdout}\n… output truncated (limit ${formatBytes(limit)})\n` : stdout,
    stderr,
    truncated: cut,
  };
}

export const STACK_EXHAUSTED_MESSAGE =
  "Your code used more stack than Python has here: a recursion too deep for the interpreter's C code " +
  "(for example freeing a long chain of objects that each hold the next one, which Python frees one " +
  "inside another, or the repr of a deeply nested list). Make the structure flatter or shorter.";

function outOfMemoryMessage(limitBytes: number): string {
  return (
    `Your code ran out of memory (Python has ${formatBytes(limitBytes)} here) and caught the MemoryError. ` +
    "A run that reaches the limit cannot pass: after a failed allocation the interpreter's state is not trustworthy."
  );
}

function isExitStatus(thrown: unknown): thrown is { status: number } {
  return (
    (thrown as { name?: unknown } | null)?.name === "ExitStatus" &&
    typeof (thrown as { status?: unknown }).status === "number"
  );
}

function exitMessage(status: number): string {
  return (
    `Your code called os._exit(${status}), which ends the Python process at once: no cleanup ran and ` +
    "the checks could not run. Return from your code (or raise an exception) instead."
  );
}

const STOP_MESSAGES = {
  timeout: (limitMs: number) => `Stopped: the code was still running after the time limit of ${limitMs} ms.`,
  stop: () => "Stopped by the Stop button.",
};

/**
 * Pyodide 314 restores a snapshot by copying it into the heap as the module
 * instantiated it (30 MiB), without growing it; a prepared interpreter (two
 * interpreters) is larger. So while `load` runs, an instantiated Pyodide
 * module's memory is grown to the snapshot's size before the copy.
 */
async function withRoomForSnapshot<T>(snapshot: unknown, load: () => Promise<T>): Promise<T> {
  if (!snapshot) return load();
  const wasm = WebAssembly as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const originals = { instantiate: wasm.instantiate, instantiateStreaming: wasm.instantiateStreaming };
  const grow = async (result: unknown) => {
    const instance = (result as { instance?: WebAssembly.Instance }).instance ?? (result as WebAssembly.Instance);
    const memory = instance?.exports?.memory;
    if (memory instanceof WebAssembly.Memory) {
      const bytes = await snapshot;
      const needed = ArrayBuffer.isView(bytes) ? bytes.byteLength : (bytes as ArrayBuffer).byteLength;
      const missing = needed - memory.buffer.byteLength;
      if (missing > 0) memory.grow(Math.ceil(missing / 65_536));
    }
    return result;
  };
  wasm.instantiate = async (...args) => grow(await originals.instantiate.apply(WebAssembly, args));
  if (originals.instantiateStreaming) {
    wasm.instantiateStreaming = async (...args) => grow(await originals.instantiateStreaming.apply(WebAssembly, args));
  }
  try {
    return await load();
  } finally {
    wasm.instantiate = originals.instantiate;
    if (originals.instantiateStreaming) wasm.instantiateStreaming = originals.instantiateStreaming;
  }
}

/**
 * The bytes the instance was restored from, detached from Pyodide's kept
 * options (`API.config`), which would otherwise hold them for the life of the
 * instance though nothing reads them (on a 30 MB snapshot, the verifier's
 * external memory fell by 30 MB once they were let go).
 */
async function takeSnapshotBytes(pyodide: PyodideAPI): Promise<Uint8Array | undefined> {
  const config = (pyodide as unknown as { _api?: { config?: { _loadSnapshot?: unknown } } })._api?.config;
  const bytes = await config?._loadSnapshot;
  if (config) config._loadSnapshot = undefined;
  return bytes instanceof Uint8Array ? bytes : undefined;
}

/**
 * The part of a boot that a memory snapshot keeps: the judge's package
 * imported, the learner interpreter created with its standard library
 * warmed, the dangerous built-in modules removed. No host function exists
 * yet (a snapshot does not carry them), so no learner code can have run.
 */
export function prepareInterpreter(pyodide: PyodideAPI, packageFiles: Record<string, string>): void {
  const api = new CApi((pyodide as unknown as { _module: unknown })._module);
  selfTest(api);
  // The judge's package imports _leakless_host at import time: the module exists from
  // now on, and its functions are added by Bridge.install after every boot.
  pyodide.runPython("import sys, types\nsys.modules['_leakless_host'] = types.ModuleType('_leakless_host')");
  installPackage(pyodide, packageFiles, JUDGE_PACKAGE_ROOT);
  // Bridge.install imports these in both interpreters after every restore: from the image they cost nothing.
  const counterpartModules = [...new Set(COUNTERPART_TYPES.map(([module]) => module))];
  pyodide.runPython(`import ${counterpartModules.join(", ")}`);
  const interpreters = Interpreters.create(api);
  interpreters.inLearner(() => interpreters.runSource(LEARNER_BOOT_SOURCE, "<leakless boot>"));
  // Frozen in the image, the boot objects cost the collection after every restore nothing.
  freezeBootObjects(interpreters);
}

export async function createPythonSession(options: PythonSessionOptions): Promise<PythonSession> {
  const { memoryLimitBytes, interruptBuffer, onProgress } = options;
  const recycleHeapBytes = options.recycleHeapBytes ?? Math.floor(memoryLimitBytes * 0.75);
  const config = options.pyodideConfig as { _loadSnapshot?: unknown; _makeSnapshot?: boolean } | undefined;
  const fromSnapshot = Boolean(config?._loadSnapshot);

  onProgress?.("instantiate");
  const pyodide = await withRoomForSnapshot(config?._loadSnapshot, () =>
    options.loadPyodide({
      ...options.pyodideConfig,
      ...(options.indexURL ? { indexURL: options.indexURL } : {}),
      // Called once the standard library is in the file system, just before the interpreter starts.
      fsInit: async () => onProgress?.("stdlib"),
    }),
  );
  const emscripten = (pyodide as unknown as { _module: { memory?: unknown } })._module;
  if (!(emscripten.memory instanceof WebAssembly.Memory)) {
    throw new Error("Pyodide no longer exposes its WebAssembly memory as _module.memory; update memory-cap");
  }
  const memory: WebAssembly.Memory = emscripten.memory;
  capMemory(memory, memoryLimitBytes);
  const stdout = new FdCapture(DEFAULT_EXECUTION_OPTIONS.outputLimit);
  const stderr = new FdCapture(DEFAULT_EXECUTION_OPTIONS.outputLimit);
  // No input: in the verifier, fd 0 would be the process's protocol pipe (input() raises EOFError).
  pyodide.setStdin({ read: () => 0 });
  pyodide.setStdout({ write: stdout.write });
  pyodide.setStderr({ write: stderr.write });

  onProgress?.("package");
  const api = new CApi(emscripten);
  if (fromSnapshot) writePackageFiles(pyodide, options.packageFiles, JUDGE_PACKAGE_ROOT);
  else prepareInterpreter(pyodide, options.packageFiles);
  const preparedSnapshot = config?._makeSnapshot
    ? (pyodide as unknown as { makeMemorySnapshot(): Uint8Array }).makeMemorySnapshot()
    : null;
  // The judge imports nothing from the working directory, which learner code can write to
  // (Pyodide puts "" back on sys.path when it restores a snapshot).
  pyodide.runPython("import sys\nsys.path[:] = [p for p in sys.path if p not in ('', '.')]\ndel sys");
  const interpreters = Interpreters.restore(api);
  interpreters.installAuditHook();
  interpreters.installFileGuard();
  interpreters.installInterruptPoll(interruptBuffer ?? null);
  const bridge = new Bridge(interpreters);
  bridge.install();
  // Looked up once and kept: the harness's entry point.
  const execute = interpreters.inJudge(() => {
    const harness = api.PyImport_ImportModule(api.staticCString("leakless.harness"));
    const fn = harness ? api.PyObject_GetAttr(harness, api.newStr("execute")) : 0;
    if (harness) api.Py_DecRef(harness);
    if (!fn) throw new Error("the judge's leakless.harness.execute is missing");
    return fn;
  });
  // The Run button's memory report reads tracemalloc, whose stand-in exists only now.
  interpreters.inLearner(() => interpreters.runSource("import _leakless_memory_report", "<leakless install>"));
  // What the install added moves to the permanent generation too: collections stay cheap.
  freezeBootObjects(interpreters);
  bridge.refuseFreeze();
  bridge.markImage();
  const snapshotBytes = fromSnapshot ? await takeSnapshotBytes(pyodide) : undefined;
  const image = new BootImage(
    api.m,
    (pyodide as unknown as { FS: EmscriptenFS }).FS,
    options.reuseSnapshotBytes ? snapshotBytes : undefined,
  );
  onProgress?.("ready");

  let fatalReason: string | null = null;

  function recycleReason(): string | null {
    if (fatalReason) return fatalReason;
    const heap = memory.buffer.byteLength;
    return heap > recycleHeapBytes ? `heap grew to ${heap} bytes (threshold ${recycleHeapBytes})` : null;
  }

  /** One call into the judge's harness, then the boot image back. */
  function execute_(
    op: "run" | "check",
    code: string,
    checks: CheckFile[],
    opts: ExecutionOptions,
  ):
    | { parsed: unknown; failure: null }
    | { parsed: null; failure: { status: "timeout" | "crashed" | "error"; message: string } } {
    stdout.reset(opts.outputLimit);
    stderr.reset(opts.outputLimit);
    if (fatalReason) {
      return {
        parsed: null,
        failure: { status: "crashed", message: `The Python interpreter stopped working earlier (${fatalReason}).` },
      };
    }
    const request = JSON.stringify({ op, code, checks, options: { seed: opts.seed, memoryReport: opts.memoryReport } });
    const refusalsBefore = memoryRefusals(memory);
    interpreters.startRun(opts.timeLimitMs);
    let raw: string | null = null;
    let thrown: unknown = null;
    // Emscripten's exit() (os._exit) sets Node's process.exitCode before it throws.
    const host = (globalThis as { process?: { exitCode?: number | string } }).process;
    const exitCode = host?.exitCode;
    try {
      raw = interpreters.inJudge(() => {
        const arg = api.newStr(request);
        const reply = api.PyObject_CallOneArg(execute, arg);
        api.Py_DecRef(arg);
        if (!reply) throw new Error(`the harness raised ${takeErrorText(api)}`);
        try {
          return api.readStr(reply);
        } finally {
          api.Py_DecRef(reply);
        }
      });
    } catch (error) {
      thrown = error;
    } finally {
      interpreters.endRun();
      if (host) host.exitCode = exitCode;
    }
    const interrupted = interpreters.interrupted;
    // Everything back as it was at boot, whatever the run did (or however it ended).
    const changed = image.restore();
    bridge.resetAfterRestore();
    if (changed) fatalReason = changed;

    if (thrown !== null) {
      if (interrupted) {
        return { parsed: null, failure: { status: "timeout", message: STOP_MESSAGES[interrupted](opts.timeLimitMs) } };
      }
      if (isExitStatus(thrown)) {
        // os._exit() unwinds the whole WebAssembly stack; the heap is back as at boot.
        return { parsed: null, failure: { status: "error", message: exitMessage(thrown.status) } };
      }
      if (thrown instanceof RangeError) {
        // The JavaScript stack under the interpreter ran out (deep C recursion: freeing a long
        // chain of objects that each hold the next, repr of a deeply nested list). The heap is
        // back as it was at boot, so the session stays usable.
        return { parsed: null, failure: { status: "error", message: STACK_EXHAUSTED_MESSAGE } };
      }
      // A JavaScript-level failure (a wasm trap): the heap is back as at boot, so the session goes on.
      const reason = String(thrown instanceof Error ? thrown.message : thrown).slice(0, 500);
      return { parsed: null, failure: { status: "crashed", message: `The Python runner failed: ${reason}.` } };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(raw));
    } catch {
      fatalReason = "the harness returned text that is not JSON";
      return { parsed: null, failure: { status: "crashed", message: `The Python runner failed: ${fatalReason}.` } };
    }
    if (interrupted && parsed && typeof parsed === "object") {
      // However the learner's code reacted to the interrupt, the run hit its limit.
      Object.assign(parsed, { status: "timeout", message: STOP_MESSAGES[interrupted](opts.timeLimitMs) });
    } else if (memoryRefusals(memory) > refusalsBefore && parsed && typeof parsed === "object") {
      const reply = parsed as { status?: string };
      if (reply.status === "ok" || reply.status === "passed") {
        Object.assign(parsed, { status: "error", message: outOfMemoryMessage(memoryLimitBytes) });
      }
    }
    return { parsed, failure: null };
  }

  function invalidHarnessReply(issues: string): string {
    fatalReason = "the harness returned a result that does not match the result schema";
    return `The Python runner failed: ${fatalReason} (${issues.slice(0, 500)}).`;
  }

  return {
    pyodide,
    preparedSnapshot,
    pyodideVersion: pyodide.version,
    interruptible: interruptBuffer !== undefined,

    async run(code, input) {
      const opts = { ...DEFAULT_EXECUTION_OPTIONS, ...input };
      const started = performance.now();
      const { parsed, failure } = execute_("run", code, [], opts);
      const output = takeOutput(stdout, stderr, opts.outputLimit);
      const duration = performance.now() - started;
      if (failure === null) {
        const result = RunResultSchema.safeParse(parsed);
        if (result.success) return { ...result.data, ...output };
        return crashed(invalidHarnessReply(result.error.message));
      }
      return failure.status === "crashed"
        ? crashed(failure.message)
        : { ...crashed(failure.message), status: failure.status };

      function crashed(message: string): RunResult {
        return {
          version: RESULT_VERSION,
          kind: "run",
          status: "crashed",
          message,
          traceback: null,
          duration,
          ...output,
        };
      }
    },

    async check(code, checks, input) {
      const opts = { ...DEFAULT_EXECUTION_OPTIONS, ...input };
      const started = performance.now();
      const { parsed, failure } = execute_("check", code, checks, opts);
      const output = takeOutput(stdout, stderr, opts.outputLimit);
      const duration = performance.now() - started;
      if (failure === null) {
        const result = CheckResultSchema.safeParse(parsed);
        if (result.success) return { ...result.data, ...output };
        return crashed(invalidHarnessReply(result.error.message));
      }
      return failure.status === "crashed"
        ? crashed(failure.message)
        : { ...crashed(failure.message), status: failure.status };

      function crashed(message: string): CheckResult {
        return {
          version: RESULT_VERSION,
          kind: "check",
          status: "crashed",
          message,
          tests: [],
          traceback: null,
          duration,
          ...output,
        };
      }
    },

    heapBytes: () => memory.buffer.byteLength,
    setMemoryLimit: (bytes: number) => capMemory(memory, Math.min(bytes, memoryLimitBytes)),
    needsRecycle: () => recycleReason() !== null,
    recycleReason,
  };
}

/**
 * The verifier process: started by the pool inside the sandbox (sandbox.ts),
 * boots one Pyodide instance with the judge apart from the learner
 * (lib/judge), then runs verifications one after another until the pool
 * replaces it: after a run that ended abnormally, after a run that changed a
 * file of the boot image, after heap growth, or after `maxJobs`. Every run
 * starts from the same boot image (the whole heap is put back after each
 * one), so nothing of one job reaches the next. Bundled by
 * scripts/build-verifier.mjs into a self-contained .mjs file.
 *
 *   argv[2]   VerifierArgs JSON (mode, pyodide dir, snapshot path, memory limit)
 *   stdin     boot line (package files), then (mode "verify") per job a nonce line and a job line
 *   stdout    ready line, then one reply line per job (or, mode "snapshot", a header and raw bytes)
 *
 * The verdict is decided in the judge interpreter, which learner code cannot
 * reach: it runs in a subinterpreter with no route to JavaScript (no `js`,
 * no `pyodide_js`, no `_pyodide_core`, no ctypes), so it cannot write to
 * this process's stdout or touch this file's state. The per-job nonce stays
 * as a second layer: a reply line is trusted only with the job's nonce,
 * which exists here only as bytes and never reaches Python.
 */
import fs from "node:fs";
import v8 from "node:v8";
import { pathToFileURL } from "node:url";
import type { PyodideAPI, PyodideConfig } from "pyodide";
import { createPythonSession, prepareInterpreter } from "../runner/session";
import type { CheckResult } from "../grading/result";
import {
  BootMessageSchema,
  VerifierArgsSchema,
  VerifierJobSchema,
  type ReadyMessage,
  type SnapshotHeader,
  type VerifierArgs,
} from "./protocol";

// Captured before anything else runs: learner code may replace the originals later.
const now = performance.now.bind(performance);
const startedAt = now();
const stringify = JSON.stringify;
const parseJson = JSON.parse;
const writeSync = fs.writeSync;
const readFileSync = fs.readFileSync;
const readSync = fs.readSync;
const bufferFrom = Buffer.from;
const bufferConcat = Buffer.concat;
const NONCE_LENGTH = 64;

/** Writes all of `data` to fd 1, retrying when the pipe is full (non-blocking fd). */
function writeAll(data: Uint8Array): void {
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(1, data, offset, data.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
    }
  }
}

function writeLine(message: object): void {
  writeAll(bufferFrom(stringify(message) + "\n"));
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Reads stdin as lines of bytes, synchronously (see the header); the nonce
 * line must not become a string. Consumed bytes are zeroed.
 */
function createLineReader(): () => Buffer {
  let pending: Buffer = Buffer.alloc(0);
  const chunk = Buffer.alloc(64 * 1024);
  return function nextLine(): Buffer {
    for (;;) {
      const newline = pending.indexOf(10);
      if (newline >= 0) {
        const line = Buffer.alloc(newline);
        pending.copy(line, 0, 0, newline);
        const rest = Buffer.alloc(pending.length - newline - 1);
        pending.copy(rest, 0, newline + 1);
        pending.fill(0);
        pending = rest;
        return line;
      }
      let read: number;
      try {
        read = readSync(0, chunk, 0, chunk.length, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EAGAIN") {
          Atomics.wait(sleeper, 0, 0, 5); // a non-blocking pipe with nothing yet: wait a little
          continue;
        }
        if (code === "EOF") read = 0;
        else throw error;
      }
      if (read === 0) throw new Error("stdin closed before a complete line arrived");
      const joined = bufferConcat([pending, chunk.subarray(0, read)]);
      pending.fill(0);
      chunk.fill(0, 0, read);
      pending = joined;
    }
  };
}

/**
 * Learner code can reach every builtin module through `process.getBuiltinModule`.
 * The v8 module can dump the heap (where job data lives) and turn on natives
 * syntax, so its dangerous entries are replaced and the module frozen. The
 * inspector is already refused by Node's permission model.
 */
function disableHeapIntrospection(): void {
  const refuse = () => {
    throw new Error("not available in the verifier");
  };
  const mutable = v8 as unknown as Record<string, unknown>;
  for (const name of [
    "getHeapSnapshot",
    "writeHeapSnapshot",
    "setFlagsFromString",
    "setHeapSnapshotNearHeapLimit",
    "startupSnapshot",
  ]) {
    if (name in mutable) mutable[name] = refuse;
  }
  Object.freeze(v8);
}

/** `process.binding` is refused under the permission model, but Pyodide's NODEFS reads fs constants from it. */
function shimProcessBinding(): void {
  const constants = { fs: fs.constants };
  (process as unknown as { binding: (name: string) => unknown }).binding = (name: string) => {
    if (name === "constants") return constants;
    throw new Error(`process.binding(${JSON.stringify(name)}) is not available in the verifier`);
  };
}

async function importLoadPyodide(pyodideDir: string) {
  const pyodideModule = (await import(pathToFileURL(pyodideDir + "pyodide.mjs").href)) as {
    loadPyodide: (config: PyodideConfig) => Promise<PyodideAPI>;
  };
  return pyodideModule.loadPyodide;
}

/** The snapshot's bytes, or null when there is none (or it vanished): then the load is cold. */
function readSnapshot(args: VerifierArgs): Uint8Array | null {
  if (!args.snapshotPath) return null;
  try {
    return readFileSync(args.snapshotPath);
  } catch {
    return null;
  }
}

/**
 * Mode "snapshot": boot an interpreter prepared as a verification's is (the
 * judge's package imported, the learner interpreter created and warmed), and
 * write its memory snapshot to stdout. No learner code runs in this process.
 */
async function makeSnapshot(args: VerifierArgs, packageFiles: Record<string, string>): Promise<void> {
  const loadPyodide = await importLoadPyodide(args.pyodideDir);
  let header: SnapshotHeader;
  let bytes: Uint8Array = new Uint8Array(0);
  try {
    const pyodide = await loadPyodide({ indexURL: args.pyodideDir, _makeSnapshot: true } as PyodideConfig);
    prepareInterpreter(pyodide, packageFiles);
    bytes = (pyodide as unknown as { makeMemorySnapshot(): Uint8Array }).makeMemorySnapshot();
    header = { type: "snapshot", bytes: bytes.length };
  } catch (error) {
    header = {
      type: "snapshot",
      bytes: 0,
      error: String(error instanceof Error ? error.message : error).slice(0, 2000),
    };
  }
  writeLine(header);
  writeAll(bytes);
}

/**
 * The session a verification uses: restored from the memory snapshot when
 * there is one, loaded cold when there is none or when restoring it fails
 * (an experimental Pyodide API; a broken or stale file must cost time, not
 * correctness).
 */
async function openSession(args: VerifierArgs, packageFiles: Record<string, string>) {
  const loadPyodide = await importLoadPyodide(args.pyodideDir);
  const common = { loadPyodide, indexURL: args.pyodideDir, packageFiles, memoryLimitBytes: args.memoryLimitBytes };
  const snapshot = readSnapshot(args);
  if (snapshot) {
    try {
      const pyodideConfig = { _loadSnapshot: snapshot } as Partial<PyodideConfig>;
      return { session: await createPythonSession({ ...common, pyodideConfig }), fromSnapshot: true };
    } catch (error) {
      process.stderr.write(`[verifier] snapshot restore failed, loading cold: ${String(error)}\n`);
    }
  }
  return { session: await createPythonSession(common), fromSnapshot: false };
}

/** A heap larger than this after a job means the process is replaced (a wasm heap never shrinks). */
const HEAP_GROWTH_BOUND_BYTES = 64 * 1024 * 1024;

/** A warm-up job: the first run settles what an interpreter does once (caches, first imports). */
const WARM_UP_JOB = {
  code: "def answer():\n    return 42\n",
  checks: [
    {
      name: "test_visible.py",
      visibility: "visible" as const,
      source: "from submission import answer\n\n\ndef test_answer():\n    assert answer() == 42\n",
    },
  ],
};

async function verify(args: VerifierArgs, nextLine: () => Buffer, packageFiles: Record<string, string>): Promise<void> {
  const { session, fromSnapshot } = await openSession(args, packageFiles);
  const warm = await session.check(WARM_UP_JOB.code, WARM_UP_JOB.checks, { timeLimitMs: 60_000 });
  if (warm.status !== "passed") throw new Error(`warm-up job did not pass: ${warm.status} ${warm.message}`);
  disableHeapIntrospection();
  const bootHeap = session.heapBytes();
  const ready: ReadyMessage = { type: "ready", bootMs: now() - startedAt, snapshot: fromSnapshot };
  writeLine(ready);

  for (let jobs = 1; ; jobs++) {
    // The nonce stays bytes from here to the reply.
    const nonceLine = nextLine();
    const received = now();
    if (nonceLine.length !== NONCE_LENGTH) throw new Error("malformed nonce line");
    const nonce = new Uint8Array(NONCE_LENGTH);
    nonce.set(nonceLine);
    nonceLine.fill(0);
    const job = VerifierJobSchema.parse(parseJson(nextLine().toString("utf8")));
    const stamps: Array<[string, number]> = [["parse", now()]];

    // Each job gets its own ceiling (the exercise's, or the process's).
    session.setMemoryLimit(job.memoryLimitBytes ?? args.memoryLimitBytes);
    const result = await session.check(job.code, job.checks, { timeLimitMs: job.timeLimitMs });
    const resultJson = stringify(result);
    stamps.push(["check", now()]);

    // Whether this process may take another job (the boot image is already back in place).
    const recycle =
      abnormalOutcome(result) ??
      session.recycleReason() ??
      (session.heapBytes() > bootHeap + HEAP_GROWTH_BOUND_BYTES ? `heap grew to ${session.heapBytes()} bytes` : null);
    const stageMs: Record<string, number> = {};
    let previous = received;
    for (const [stage, at] of stamps) {
      stageMs[stage] = Math.round((at - previous) * 100) / 100;
      previous = at;
    }

    // {"type":"reply","nonce":"<nonce>",...}, assembled from bytes so the nonce
    // is never a JS string. The leading newline ends any partial line on stdout.
    const head = bufferFrom('\n{"type":"reply","nonce":"');
    const tail = bufferFrom(
      `","resultJson":${stringify(resultJson)},"recycle":${stringify(recycle)},"heapBytes":${session.heapBytes()},"jobs":${jobs},"stageMs":${stringify(stageMs)}}\n`,
    );
    writeAll(bufferConcat([head, nonce, tail]));
    nonce.fill(0);
    if (recycle !== null) {
      // The parent kills us on this reply; exiting as well costs nothing.
      process.exit(0);
    }
  }
}

/**
 * Outcomes after which the process is replaced anyway: the heap is back as it
 * was at boot, but a crash means something unexpected happened below Python.
 */
function abnormalOutcome(result: CheckResult): string | null {
  return result.status === "crashed" ? "the job crashed" : null;
}

async function main(): Promise<void> {
  const args = VerifierArgsSchema.parse(parseJson(process.argv[2] ?? ""));
  shimProcessBinding();
  const nextLine = createLineReader();
  const boot = BootMessageSchema.parse(parseJson(nextLine().toString("utf8")));
  if (args.mode === "snapshot") await makeSnapshot(args, boot.packageFiles);
  else await verify(args, nextLine, boot.packageFiles);
  process.exit(0);
}

main().catch((error: unknown) => {
  // Only our own failures land here (learner failures are results); stderr goes to the parent's log.
  process.stderr.write(`[verifier] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(70);
});

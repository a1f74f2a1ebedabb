/**
 * The verifier process: started by the pool inside the sandbox (sandbox.ts),
 * boots one interpreter, then runs verifications one after another until the
 * pool replaces it: after any abnormal outcome, after a job that left the
 * interpreter different from how it was at boot (integrity-guard.ts,
 * realm-fingerprint.ts), or after `maxJobs`. Bundled by
 * scripts/build-verifier.mjs into a self-contained .mjs file.
 *
 *   argv[2]   VerifierArgs JSON (mode, pyodide dir, snapshot path, memory limit)
 *   stdin     boot line (package files), then (mode "verify") per job a nonce line and a job line
 *   stdout    ready line, then one reply line per job (or, mode "snapshot", a header and raw bytes)
 *
 * Between jobs this process never returns to Node's event loop: stdin is read
 * with a blocking readSync, so a timer, a stdin listener or a promise chain
 * that learner code set up through `js` never gets to run, and never sees the
 * next job's nonce or code.
 *
 * Forged verdicts, and which layer stops what (learner code runs in this
 * process and reaches JS through Pyodide's `js`):
 * - a line on stdout shaped like a reply (`js.process.stdout.write`,
 *   `os.write(1, ...)`): rejected by the parent, because it lacks the job's
 *   nonce. The nonce arrives on its own stdin line, is copied into a private
 *   Uint8Array (the stdin chunk is zeroed) and never becomes a JS string or a
 *   Python object, so it is not reachable by walking objects from `js`, and a
 *   heap snapshot would not show it either (the v8 module's heap APIs are
 *   disabled below, the inspector by Node's permission model);
 * - patching the functions this file uses to build and write the reply
 *   (`JSON.stringify`, `fs.writeSync`, `Buffer.concat` ...): they are captured
 *   into locals at module start, and the JS intrinsics are frozen
 *   (harden.ts) after Pyodide and the session are ready, before learner code;
 * - a reply that is well-formed JSON but not a real CheckResult: the parent
 *   parses `resultJson` with CheckResultSchema;
 * - killing or hanging this process: the parent reports "crashed"/"timeout".
 * What none of these stop: learner Python changing the Python-level check
 * machinery in the same interpreter; that is the harness's job (lib/python).
 */
import fs from "node:fs";
import v8 from "node:v8";
import { pathToFileURL } from "node:url";
import type { PyodideAPI, PyodideConfig } from "pyodide";
import { createPythonSession } from "../runner/session";
import type { CheckResult } from "../grading/result";
import { hardenIntrinsics } from "./harden";
import { installIntegrityGuard, WARM_UP_JOB } from "./integrity-guard";
import { captureRealm } from "./realm-fingerprint";
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
 * Mode "snapshot": boot an interpreter with the `leakless` package installed
 * and imported (the same session a verification uses), and write its memory
 * snapshot to stdout. No learner code runs in this process.
 */
async function makeSnapshot(args: VerifierArgs, packageFiles: Record<string, string>): Promise<void> {
  const loadPyodide = await importLoadPyodide(args.pyodideDir);
  let header: SnapshotHeader;
  let bytes: Uint8Array = new Uint8Array(0);
  try {
    const session = await createPythonSession({
      loadPyodide,
      indexURL: args.pyodideDir,
      packageFiles,
      memoryLimitBytes: args.memoryLimitBytes,
      pyodideConfig: { _makeSnapshot: true } as Partial<PyodideConfig>,
    });
    bytes = (session.pyodide as unknown as { makeMemorySnapshot(): Uint8Array }).makeMemorySnapshot();
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

/**
 * Pyodide keeps its load options (`API.config`) for the life of the
 * interpreter, the snapshot's bytes included: 30 MB of resident memory that
 * nothing reads after the restore (measured: the process's external memory
 * fell by 30 MB once they were let go).
 */
function releaseSnapshotBytes(pyodide: unknown): void {
  const config = (pyodide as { _api?: { config?: Record<string, unknown> } })._api?.config;
  if (config && config._loadSnapshot !== undefined) config._loadSnapshot = undefined;
}

async function verify(args: VerifierArgs, nextLine: () => Buffer, packageFiles: Record<string, string>): Promise<void> {
  const { session, fromSnapshot } = await openSession(args, packageFiles);
  releaseSnapshotBytes(session.pyodide);

  // The first run settles lazy state (caches, names the harness binds on first
  // use); the fingerprints are taken after it, before any learner code.
  const warmUp = async () => {
    const result = await session.check(WARM_UP_JOB.code, WARM_UP_JOB.checks, { timeLimitMs: 60_000 });
    if (result.status !== "passed") throw new Error(`warm-up job did not pass: ${result.status} ${result.message}`);
  };
  await warmUp();
  disableHeapIntrospection();
  hardenIntrinsics();
  const pyodide = session.pyodide as unknown as { _module?: object; _api?: object };
  const PyProxy = session.pyodide.ffi.PyProxy;
  const checkRealm = captureRealm(
    [
      ["globalThis", globalThis],
      ["process", process],
      ["fs", fs],
      ["pyodide", session.pyodide],
      ...(pyodide._module ? [["pyodide._module", pyodide._module] as const] : []),
      ...(pyodide._api ? [["pyodide._api", pyodide._api] as const] : []),
    ],
    (value) => value instanceof PyProxy,
  );
  const checkInterpreter = await installIntegrityGuard(session.pyodide, warmUp);
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

    // Whether this process may take another job: only when the job ended
    // normally and left the interpreter and the JS realm as they were at boot.
    let recycle =
      abnormalOutcome(result, resultJson) ??
      session.recycleReason() ??
      (session.heapBytes() > bootHeap + HEAP_GROWTH_BOUND_BYTES ? `heap grew to ${session.heapBytes()} bytes` : null);
    if (recycle === null) {
      recycle = checkInterpreter();
      stamps.push(["interpreter", now()]);
    }
    if (recycle === null) {
      recycle = checkRealm();
      stamps.push(["realm", now()]);
    }
    const stageMs: Record<string, number> = {};
    let previous = received;
    for (const [stage, at] of stamps) {
      stageMs[stage] = Math.round((at - previous) * 100) / 100;
      previous = at;
    }

    // {"type":"reply","nonce":"<nonce>",...}, assembled from bytes so the nonce
    // is never a JS string. The leading newline ends any partial line learner
    // output left on stdout.
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

/** Outcomes after which the interpreter is not trusted for another job, whatever the checks say. */
function abnormalOutcome(result: CheckResult, resultJson: string): string | null {
  if (result.status === "crashed" || result.status === "timeout") return `the job ended with status ${result.status}`;
  if (result.truncated) return "the job hit the output limit";
  if (resultJson.includes("MemoryError")) return "the job ran out of memory";
  if (resultJson.includes("RecursionError")) return "the job hit the recursion limit";
  return null;
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

/**
 * The browser's Python worker: a module worker compiled by
 * `scripts/build-runner.mjs` into `public/runner/worker.mjs`. It loads Pyodide
 * from its versioned public path, installs the `leakless` package (embedded
 * at build time) and answers the requests of `protocol.ts`, one at a time.
 *
 * Everything the page needs to trust about a reply (the postMessage function,
 * the MessageEvent `data` getter) is captured when this module starts, before
 * any learner code can patch the worker's globals. See browser-client.ts for
 * what that does and does not protect.
 */
/// <reference lib="webworker" />
// First: it starts the boot's downloads before the rest of this script is evaluated.
import { bootDownloads, snapshotStore, workerFetch } from "./worker-kickoff";
import type { PyodideAPI, PyodideConfig } from "pyodide";
import type { CheckResult, RunResult } from "../grading/result";
import { countDownloads } from "./download-progress";
import {
  CheckRequestSchema,
  InitMessageSchema,
  LoadStageSchema,
  PingRequestSchema,
  RunRequestSchema,
  type InitMessage,
  type LoadStage,
  type WorkerMessage,
} from "./protocol";
import { createPythonSession, type PythonSession } from "./session";
import { bootWithSnapshot } from "./snapshot-cache";

/** Injected by the build: the `leakless` package sources, path → text. */
declare const __LEAKLESS_PACKAGE_FILES__: Record<string, string>;
/** Injected by the build: sizes in bytes of the files whose download is reported. */
declare const __PYODIDE_DOWNLOAD_BYTES__: Record<string, number>;
/** Injected by the build: the server-made first-visit snapshot and its inflated size, or null when the build has none. */
declare const __FIRST_VISIT_SNAPSHOT__: { url: string; bytes: number } | null;

const scope = self as unknown as DedicatedWorkerGlobalScope;

// Captured before any Python runs (see the header comment).
const post: (message: WorkerMessage) => void = scope.postMessage.bind(scope);
const apply = Reflect.apply;
const readEventData = Object.getOwnPropertyDescriptor(MessageEvent.prototype, "data")!.get!;

/**
 * Everything in a worker that can reach the network or another context with
 * the page's cookies (the viewer's session), plus local storage shared with
 * the app's origin. Removed once Pyodide has loaded, before any learner code
 * runs: whoever runs the code (a learner on their own page, an instructor
 * running a learner's submission from the review page) must not be
 * impersonated by it. The worker script's own Content-Security-Policy
 * (`proxy.ts`) is the second, independent layer: it refuses any connection
 * outside the Pyodide files and any `eval`/`import()` of other code even if a
 * reference to one of these survived somewhere. See lib/runner/README.md.
 */
const NETWORK_GLOBALS = [
  "fetch",
  "XMLHttpRequest",
  "WebSocket",
  "WebSocketStream",
  "EventSource",
  "WebTransport",
  "importScripts",
  "caches",
  "indexedDB",
  "Worker",
  "SharedWorker",
  "BroadcastChannel",
  "Request",
] as const;

function refused(name: string) {
  // A function, not `undefined`: a learner's `js.fetch(...)` gets a clear error.
  return function refusedGlobal(): never {
    throw new TypeError(`${name} is disabled in the Python runner (no network access from learner code)`);
  };
}

/** Remove the network globals from the worker and its prototype chain, for good (non-configurable). */
function lockDownNetwork(): void {
  for (const name of NETWORK_GLOBALS) {
    for (let target: object | null = Object.getPrototypeOf(scope); target; target = Object.getPrototypeOf(target)) {
      if (Object.prototype.hasOwnProperty.call(target, name)) Reflect.deleteProperty(target, name);
    }
    Object.defineProperty(scope, name, {
      value: refused(name),
      writable: false,
      configurable: false,
      enumerable: false,
    });
  }
}

/** Progress throttle: enough for a smooth bar, few enough not to flood the page. */
const PROGRESS_INTERVAL_MS = 100;

let session: Promise<PythonSession> | null = null;
/** Requests run strictly one after another, in arrival order. */
let queue: Promise<void> = Promise.resolve();

/** Stages only move forward; download bytes are reported only during "download". */
function createStageReporter() {
  const order = LoadStageSchema.options;
  let current = -1;
  let lastBytesAt = 0;
  return {
    advance(stage: LoadStage) {
      const index = order.indexOf(stage);
      if (index <= current) return;
      current = index;
      post({ type: "progress", stage });
    },
    bytes(loadedBytes: number, totalBytes: number) {
      if (current > order.indexOf("download")) return;
      const now = performance.now();
      const done = loadedBytes >= totalBytes;
      if (!done && now - lastBytesAt < PROGRESS_INTERVAL_MS) return;
      lastBytesAt = now;
      post({ type: "progress", stage: "download", loadedBytes, totalBytes });
      // Everything fetched: what remains is compiling and booting.
      if (done) this.advance("instantiate");
    },
  };
}

async function startSession(init: InitMessage): Promise<PythonSession> {
  const started = performance.now();
  const stages = createStageReporter();
  stages.advance("download");
  // Pyodide's loader fetches through `scope.fetch`: the prefetched responses first, counted.
  scope.fetch = bootDownloads.fetch;
  const downloads = countDownloads(scope, __PYODIDE_DOWNLOAD_BYTES__, ({ loadedBytes, totalBytes }) =>
    stages.bytes(loadedBytes, totalBytes),
  );
  bootDownloads.countSnapshotBytes(() => downloads.expect(__FIRST_VISIT_SNAPSHOT__?.bytes ?? 0));
  try {
    // Imported already, with its wasm glue, by worker-kickoff.ts for the build's
    // index URL: it resolves from the module map then.
    const loader = import(/* webpackIgnore: true */ `${init.indexURL}pyodide.mjs`) as Promise<{
      loadPyodide: (config: PyodideConfig) => Promise<PyodideAPI>;
    }>;
    const pyodideModule = await loader;
    const boot = () =>
      bootWithSnapshot(
        {
          store: snapshotStore,
          stored: bootDownloads.stored,
          firstVisit: bootDownloads.firstVisit,
          make: init.snapshot === "make",
        },
        (pyodideConfig) =>
          createPythonSession({
            loadPyodide: pyodideModule.loadPyodide,
            indexURL: init.indexURL,
            packageFiles: __LEAKLESS_PACKAGE_FILES__,
            memoryLimitBytes: init.memoryLimitBytes,
            interruptBuffer: init.interruptBuffer,
            pyodideConfig: pyodideConfig as Partial<PyodideConfig>,
            // Only a worker that makes a snapshot stores the bytes after its boot.
            reuseSnapshotBytes: init.snapshot !== "make",
            // "instantiate" is reported when the downloads finish (they overlap with
            // compiling); the later stages come from the session itself.
            onProgress: (stage) => {
              if (stage !== "instantiate") stages.advance(stage);
            },
          }),
      );
    // The wasm has been compiling since the worker started (precompiled-wasm.ts).
    const { session: created, snapshot } = await (bootDownloads.precompiled?.during(boot) ?? boot());
    post({
      type: "ready",
      pyodideVersion: created.pyodideVersion,
      interruptible: created.interruptible,
      loadMs: performance.now() - started,
      snapshot,
    });
    return created;
  } finally {
    downloads.restore();
    scope.fetch = workerFetch;
    bootDownloads.release();
  }
}

/**
 * A throwaway check right after the boot: the first check of a fresh interpreter costs
 * 80-150 ms more than later ones (the engine's first pass over the harness's code paths;
 * docs/performance.md), which a learner who reads before clicking then never waits for.
 * Like every run it starts from the boot image and leaves nothing behind.
 */
async function warmUp(active: PythonSession): Promise<void> {
  try {
    await active.check("", [WARM_UP_CHECK], { timeLimitMs: 5_000 });
  } catch {
    // only a head start: the learner's own check reports any failure
  }
}

const WARM_UP_CHECK = {
  name: "test_visible.py",
  source: "def test_warm_up():\n    assert True\n",
  visibility: "visible",
} as const;

function health(active: PythonSession) {
  return { heapBytes: active.heapBytes(), needsRecycle: active.needsRecycle() };
}

/** Handle one request; `nonce` was taken from the message apart from the rest (see onMessage). */
async function handleRequest(data: Record<string, unknown>, nonce: string): Promise<void> {
  if (!session) return; // requests before init are dropped; the page always sends init first
  let active: PythonSession;
  try {
    active = await session;
  } catch {
    return; // loading failed and "fatal" was already sent
  }
  switch (data.type) {
    case "run": {
      const request = RunRequestSchema.omit({ nonce: true }).safeParse(data);
      if (!request.success) return;
      const { id, code, options } = request.data;
      const result: RunResult = await active.run(code, options);
      post({ type: "result", kind: "run", id, nonce, result, ...health(active) });
      return;
    }
    case "check": {
      const request = CheckRequestSchema.omit({ nonce: true }).safeParse(data);
      if (!request.success) return;
      const { id, code, checks, options } = request.data;
      const result: CheckResult = await active.check(code, checks, options);
      post({ type: "result", kind: "check", id, nonce, result, ...health(active) });
      return;
    }
    case "ping": {
      const request = PingRequestSchema.omit({ nonce: true }).safeParse(data);
      if (!request.success) return;
      post({ type: "pong", id: request.data.id, nonce, ...health(active) });
      return;
    }
  }
}

function onMessage(event: MessageEvent): void {
  const data: unknown = apply(readEventData, event, []);
  if (typeof data !== "object" || data === null) return;

  if ((data as { type?: unknown }).type === "init") {
    const init = InitMessageSchema.safeParse(data);
    if (!init.success || session) return;
    // Locked after loading (Pyodide fetched its files with these) and before the
    // first request can run: handleRequest awaits this very promise.
    const started = startSession(init.data).then((created) => {
      lockDownNetwork();
      return created;
    });
    session = started;
    // First in the queue, after "ready": a learner's requests wait behind it.
    queue = queue.then(() => started.then(warmUp, () => {}));
    session.catch((error: unknown) =>
      post({
        type: "fatal",
        message: `Python could not start: ${error instanceof Error ? error.message : String(error)}`,
      }),
    );
    return;
  }

  // The nonce is split off with object rest (a built-in copy no learner patch
  // can observe) and never handed to Python or to shared library code; it
  // lives in this closure until the reply is posted.
  const { nonce, ...rest } = data as { nonce?: unknown };
  // typeof and .length only: a RegExp here would go through a patchable prototype.
  if (typeof nonce !== "string" || nonce.length !== 32) return;
  queue = queue
    .then(() => handleRequest(rest, nonce))
    .catch((error: unknown) => {
      post({
        type: "fatal",
        message: `The Python worker failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    });
}

scope.addEventListener("message", onMessage);

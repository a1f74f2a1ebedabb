/**
 * The page side of the Python runner: starts the module worker when an
 * exercise page opens, runs learner code in it, enforces time limits and
 * replaces workers that died, hung or ballooned. No React here; a hook in
 * app/ can wrap a PythonRunner.
 *
 * Time limits: when the page is cross-origin isolated (SharedArrayBuffer
 * exists) the runner first writes SIGINT into the shared interrupt buffer,
 * which ends most runaway loops with a KeyboardInterrupt and keeps the warm
 * interpreter; if the worker has not answered `graceMs` later (learner code
 * swallowed the interrupt, `time.sleep`, a long C call) or the page is not
 * isolated, the worker is terminated and the warm spare takes over. Either
 * way the pending call resolves with a result of status "timeout".
 *
 * Trust: replies are accepted only if they parse (protocol.ts), answer the
 * pending request's id, and carry that request's nonce — 128 random bits made
 * here per request, which the worker keeps in a closure and echoes.
 *   Learner code runs in its own interpreter with no `js` module
 *   (lib/judge/README.md), so it cannot post messages at all; the nonce is the
 *   layer behind that, against a worker subverted some other way.
 *   Does NOT protect against: a learner editing this page or the worker in
 *   the browser's devtools. The browser's
 *   verdict is advisory feedback only; progress is recorded from the server's
 *   re-verification (lib/verifier), which runs hidden checks in a sandbox.
 */
import {
  checkResultWithoutReply,
  runResultWithoutReply,
  type CheckFile,
  type CheckResult,
  type RunResult,
} from "../grading/result";
import { PYODIDE_INDEX_PATH, RUNNER_WORKER_URL } from "./assets";
import type { EarlyRunner } from "./early-start";
import { createInterruptBuffer, requestInterrupt, type InterruptReason } from "./interrupt";
import {
  PROTOCOL_VERSION,
  newNonce,
  parseWorkerMessage,
  type ExecutionOptions,
  type InitMessage,
  type ProgressMessage,
  type ReadyMessage,
  type WorkerRequest,
} from "./protocol";

export interface PythonRunnerOptions {
  /** URL of the compiled worker. Default: RUNNER_WORKER_URL. */
  workerURL?: string;
  /** Base URL of the Pyodide files. Default: PYODIDE_INDEX_PATH. */
  indexURL?: string;
  /** Heap ceiling per worker. Default 256 MiB. */
  memoryLimitBytes?: number;
  /** How long an interrupted run may take to stop before its worker is terminated. Default 1000 ms. */
  graceMs?: number;
  /** Keep a second, loaded worker ready to replace a killed one. Default true. */
  warmSpare?: boolean;
  /**
   * The first spare starts when the first request has settled, or this long
   * after the first worker is ready, whichever comes first. Default 3000 ms.
   * Booting a spare compiles 9.6 MB of WebAssembly and starts an interpreter:
   * on a two-core laptop, doing that while the learner's first Check runs
   * slows the first feedback down (docs/performance.md).
   */
  spareDelayMs?: number;
  /** Worker factory, for tests; the default is the only form Pyodide 314 accepts (see assets.ts). */
  createWorker?: (url: string) => Worker;
  /**
   * A worker the page started before its JavaScript loaded (early-start.ts
   * `takeEarlyRunner`), adopted as the first active worker instead of
   * starting one.
   */
  earlyWorker?: EarlyRunner | null;
}

export type RunOptions = Pick<ExecutionOptions, "timeLimitMs"> & Partial<ExecutionOptions>;

/** What a loading bar and a status line need. */
export type RunnerEvent =
  | ProgressMessage
  | ReadyMessage
  /** A worker was replaced (after a timeout, a fatal error, or heap growth); a fresh one is loading or ready. */
  | { type: "restarted"; reason: string };

/** The heap ceiling of exercises that do not set one (exercise.yaml's default). */
export const DEFAULT_MEMORY_LIMIT_BYTES = 256 * 1024 * 1024;

const DEFAULTS = {
  memoryLimitBytes: DEFAULT_MEMORY_LIMIT_BYTES,
  graceMs: 1000,
  outputLimit: 64_000,
};

/** No load progress for this long before "ready" means the worker is stuck (stages are seconds apart at worst). */
const LOAD_STALL_MS = 60_000;

const STOP_MESSAGES: Record<InterruptReason, (limitMs: number) => string> = {
  timeout: (limitMs) => `Stopped: the code was still running after the time limit of ${limitMs} ms.`,
  stop: () => "Stopped by the Stop button.",
};

type Kind = "run" | "check" | "ping";
interface Pending {
  id: number;
  nonce: string;
  kind: Kind;
  resolve: (value: unknown) => void;
  /** The worker died with this request in flight. */
  abandon: (reason: string) => void;
}

/** Builds the result a call resolves with when the worker never answered. */
type Synthesize = (status: "timeout" | "crashed", message: string, durationMs: number) => RunResult | CheckResult;

/** One worker and its bookkeeping. */
class WorkerHandle {
  readonly worker: Worker;
  readonly interruptBuffer: Int32Array | null;
  readonly ready: Promise<ReadyMessage>;
  /** Set once the worker is unusable; the runner replaces it. */
  deadReason: string | null = null;
  /** The worker asked to be replaced after its last reply. */
  needsRecycle = false;
  /** Set when the worker reported ready. */
  readyMessage: ReadyMessage | null = null;
  pending: Pending | null = null;
  private settleReady!: { resolve: (ready: ReadyMessage) => void; reject: (error: Error) => void };
  /**
   * A worker that stops reporting progress before it is ready (a fetch that
   * never completes, a worker starved or killed by the browser without an
   * error event) would otherwise keep every request waiting forever. Each
   * progress message re-arms the timer; when it fires the worker is treated
   * as dead and the runner replaces it (a bounded number of times).
   */
  private loadStallTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    options: Required<Omit<PythonRunnerOptions, "createWorker" | "warmSpare" | "graceMs" | "earlyWorker">> &
      Pick<PythonRunnerOptions, "createWorker">,
    /** Boot in snapshot mode and cache a memory snapshot if none is cached (snapshot-cache.ts). */
    makeSnapshot: boolean,
    private readonly onEvent: (handle: WorkerHandle, event: RunnerEvent) => void,
    private readonly onDeath: (handle: WorkerHandle) => void,
    /** Already started and sent its init by the page's inline script (early-start.ts). */
    adopted?: EarlyRunner,
  ) {
    this.ready = new Promise((resolve, reject) => (this.settleReady = { resolve, reject }));
    // Keep an unobserved rejection (a spare that failed to load) from being reported as unhandled.
    this.ready.catch(() => {});
    this.worker = adopted
      ? adopted.worker
      : options.createWorker
        ? options.createWorker(options.workerURL)
        : new Worker(options.workerURL, { type: "module" });
    this.interruptBuffer = adopted
      ? adopted.interruptBuffer
      : globalThis.crossOriginIsolated
        ? createInterruptBuffer()
        : null;
    this.worker.addEventListener("message", (event) => this.receive(event.data));
    this.worker.addEventListener("error", (event) => this.failedToStart(event.message));
    this.armLoadStallTimer();
    if (adopted) {
      // Taken in the same task as the listeners above were added, so nothing
      // is lost or doubled; replayed in a microtask, i.e. before any later
      // message event and after the runner's owner has subscribed.
      const backlog = adopted.takeBacklog();
      queueMicrotask(() => {
        for (const event of backlog) {
          if (event.type === "message") this.receive(event.data);
          else this.failedToStart(event.message);
        }
      });
      return;
    }
    const init: InitMessage = {
      type: "init",
      protocol: PROTOCOL_VERSION,
      indexURL: options.indexURL,
      memoryLimitBytes: options.memoryLimitBytes,
      ...(this.interruptBuffer ? { interruptBuffer: this.interruptBuffer } : {}),
      ...(makeSnapshot ? { snapshot: "make" as const } : {}),
    };
    this.worker.postMessage(init);
  }

  private failedToStart(message: string): void {
    this.die(`the worker failed to start: ${message || "script error"}`);
  }

  private armLoadStallTimer(): void {
    clearTimeout(this.loadStallTimer);
    this.loadStallTimer = setTimeout(
      () => this.die(`loading stalled: no progress for ${LOAD_STALL_MS / 1000} s`),
      LOAD_STALL_MS,
    );
  }

  send(request: WorkerRequest, pending: Pending): void {
    this.pending = pending;
    this.worker.postMessage(request);
  }

  private receive(data: unknown): void {
    const message = parseWorkerMessage(data);
    if (!message || this.deadReason) return;
    switch (message.type) {
      case "progress":
        if (!this.readyMessage) this.armLoadStallTimer();
        this.onEvent(this, message);
        return;
      case "ready":
        if (this.readyMessage) return;
        clearTimeout(this.loadStallTimer);
        this.readyMessage = message;
        this.settleReady.resolve(message);
        this.onEvent(this, message);
        return;
      case "fatal":
        this.die(message.message);
        return;
      case "result":
      case "pong": {
        const pending = this.pending;
        const kind = message.type === "pong" ? "ping" : message.kind;
        if (!pending || message.id !== pending.id || message.nonce !== pending.nonce || kind !== pending.kind) return;
        this.pending = null;
        this.needsRecycle = message.needsRecycle;
        pending.resolve(message.type === "pong" ? message : message.result);
        return;
      }
    }
  }

  /** Terminate; a request still in flight is abandoned with `reason`. */
  die(reason: string): void {
    if (this.deadReason) return;
    this.deadReason = reason;
    clearTimeout(this.loadStallTimer);
    this.worker.terminate();
    this.settleReady.reject(new Error(reason));
    const pending = this.pending;
    this.pending = null;
    pending?.abandon(reason);
    this.onDeath(this);
  }
}

export class PythonRunner {
  private readonly options: Required<Omit<PythonRunnerOptions, "createWorker" | "earlyWorker">> &
    Pick<PythonRunnerOptions, "createWorker">;
  private active: WorkerHandle;
  private spare: WorkerHandle | null = null;
  private listeners = new Set<(event: RunnerEvent) => void>();
  private nextId = 1;
  /** Requests run one at a time: each waits for the previous one to settle. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Stops the request in flight, if any. */
  private stopCurrent: ((reason: InterruptReason) => void) | null = null;
  private disposed = false;
  /** Pending delayed start of the first spare (see `spareDelayMs`). */
  private spareTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Workers that died before ever becoming ready, in a row. After two, the
   * runner stops replacing them (a missing file or an unsupported browser
   * would otherwise restart workers forever) and `ready` stays rejected.
   */
  private failedLoads = 0;
  private static readonly MAX_FAILED_LOADS = 2;

  constructor(options: PythonRunnerOptions = {}) {
    this.options = {
      workerURL: options.workerURL ?? RUNNER_WORKER_URL,
      indexURL: options.indexURL ?? PYODIDE_INDEX_PATH,
      memoryLimitBytes: options.memoryLimitBytes ?? DEFAULTS.memoryLimitBytes,
      graceMs: options.graceMs ?? DEFAULTS.graceMs,
      warmSpare: options.warmSpare ?? true,
      spareDelayMs: options.spareDelayMs ?? 3000,
      createWorker: options.createWorker,
    };
    this.active = this.startWorker("active", options.earlyWorker ?? undefined);
    this.active.ready.then(
      () => {
        this.spareTimer = setTimeout(() => this.ensureSpare(), this.options.spareDelayMs);
      },
      () => {},
    );
  }

  /** Resolves when the current worker can take requests; rejects if it failed to load. */
  get ready(): Promise<ReadyMessage> {
    return this.active.ready;
  }

  /** The active worker's "ready", once it has said it (a runner kept from an earlier page usually has). */
  get readyMessage(): ReadyMessage | null {
    return this.active.readyMessage;
  }

  /** Whether a run can be interrupted without losing the interpreter. */
  get interruptible(): boolean {
    return this.active.interruptBuffer !== null;
  }

  /** Subscribe to progress/ready/restarted events of the active worker; returns the unsubscribe. */
  subscribe(listener: (event: RunnerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Run learner code. Resolves with the worker's RunResult, or a synthesized
   * one ("timeout" when stopped, "crashed" when the worker died); rejects only
   * when no worker could be started at all.
   */
  run(code: string, options: RunOptions): Promise<RunResult> {
    return this.enqueue(
      "run",
      options,
      (base) => ({ type: "run", ...base, code }),
      runResultWithoutReply,
    ) as Promise<RunResult>;
  }

  /** Run the visible checks; results as for `run`. */
  check(code: string, visibleChecks: CheckFile[], options: RunOptions): Promise<CheckResult> {
    return this.enqueue(
      "check",
      options,
      (base) => ({ type: "check", ...base, code, checks: visibleChecks }),
      checkResultWithoutReply,
    ) as Promise<CheckResult>;
  }

  /** Heap size and recycle flag of the active worker (waits for the request in flight); rejects if it dies. */
  ping(): Promise<{ heapBytes: number; needsRecycle: boolean }> {
    return this.enqueue(
      "ping",
      { timeLimitMs: 5_000 },
      (base) => ({ type: "ping", id: base.id, nonce: base.nonce }),
      null,
    ) as Promise<{
      heapBytes: number;
      needsRecycle: boolean;
    }>;
  }

  /** The Stop button: end the request in flight; it resolves with status "timeout". */
  stop(): void {
    this.stopCurrent?.("stop");
  }

  /** Terminate all workers (page closed). Pending calls resolve as stopped. */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.spareTimer);
    this.stopCurrent?.("stop");
    this.spare?.die("disposed");
    this.active.die("disposed");
  }

  private emit(event: RunnerEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /**
   * `role` "spare": off the critical path, so it may spend the extra time of
   * making the memory snapshot that later page loads restore from.
   */
  private startWorker(role: "active" | "spare" = "active", adopted?: EarlyRunner): WorkerHandle {
    return new WorkerHandle(
      this.options,
      role === "spare",
      (handle, event) => {
        if (event.type === "ready") this.failedLoads = 0;
        if (handle === this.active) this.emit(event);
      },
      (handle) => {
        if (handle === this.spare) this.spare = null;
        if (handle !== this.active || this.disposed) return;
        // A worker that never became ready counts as a failed load; retry a bounded number of times.
        if (handle.readyMessage || ++this.failedLoads < PythonRunner.MAX_FAILED_LOADS) {
          this.replaceActive(handle.deadReason ?? "worker stopped");
        }
      },
      adopted,
    );
  }

  private ensureSpare(): void {
    clearTimeout(this.spareTimer);
    if (this.disposed || !this.options.warmSpare || this.spare) return;
    this.spare = this.startWorker("spare");
  }

  /** Swap in the spare (or a fresh worker) for an active worker that died or must be recycled. */
  private replaceActive(reason: string): void {
    const old = this.active;
    this.active = this.spare ?? this.startWorker();
    this.spare = null;
    old.die(reason); // no-op when it is already dead
    this.emit({ type: "restarted", reason });
    // A promoted spare is usually ready already: repeat its "ready" for listeners.
    // Otherwise the worker's own "ready" reaches them when it arrives.
    if (this.active.readyMessage) this.emit(this.active.readyMessage);
    this.active.ready.then(
      () => this.ensureSpare(),
      () => {},
    );
  }

  private enqueue(
    kind: Kind,
    options: RunOptions,
    build: (base: { id: number; nonce: string; options: ExecutionOptions }) => WorkerRequest,
    synthesize: Synthesize | null,
  ): Promise<unknown> {
    if (this.disposed) return Promise.reject(new Error("PythonRunner was disposed"));
    const execution: ExecutionOptions = {
      timeLimitMs: options.timeLimitMs,
      outputLimit: options.outputLimit ?? DEFAULTS.outputLimit,
      seed: options.seed ?? 0,
      memoryReport: options.memoryReport ?? false,
    };
    const task = this.queue.then(() => this.execute(kind, execution, build, synthesize));
    this.queue = task.catch(() => {});
    return task;
  }

  private async execute(
    kind: Kind,
    options: ExecutionOptions,
    build: (base: { id: number; nonce: string; options: ExecutionOptions }) => WorkerRequest,
    synthesize: Synthesize | null,
  ): Promise<unknown> {
    // The active worker may die while we wait; follow its replacements
    // (bounded by MAX_FAILED_LOADS, after which `ready` stays rejected).
    let handle = this.active;
    for (;;) {
      try {
        await handle.ready;
        break;
      } catch (error) {
        if (handle === this.active) throw error;
        handle = this.active;
      }
    }

    const started = performance.now();
    const id = this.nextId++;
    const nonce = newNonce();
    return new Promise((resolve, reject) => {
      // Assigned once below, after the closures that clear it are defined.
      // eslint-disable-next-line prefer-const
      let interruptTimer: ReturnType<typeof setTimeout> | undefined;
      let killTimer: ReturnType<typeof setTimeout> | undefined;
      const finish = (value: unknown) => {
        clearTimeout(interruptTimer);
        clearTimeout(killTimer);
        this.stopCurrent = null;
        resolve(value);
        // The first feedback is out: now the spare may take the CPU.
        this.ensureSpare();
        // Deaths are handled when they happen (onDeath); here only a live worker that asked to go.
        if (handle === this.active && !handle.deadReason && handle.needsRecycle) {
          this.replaceActive("the worker asked to be recycled");
        }
      };
      const fail = (status: "timeout" | "crashed", message: string) => {
        if (synthesize) finish(synthesize(status, message, performance.now() - started));
        else {
          clearTimeout(interruptTimer);
          clearTimeout(killTimer);
          this.stopCurrent = null;
          reject(new Error(message));
        }
      };
      const kill = (reason: InterruptReason) => {
        if (handle.pending?.id !== id) return;
        handle.pending = null;
        handle.die(
          reason === "stop"
            ? "stopped by the learner"
            : handle.interruptBuffer
              ? "did not stop after an interrupt"
              : "time limit reached (no interrupt buffer: the page is not cross-origin isolated)",
        );
        fail("timeout", STOP_MESSAGES[reason](options.timeLimitMs));
      };
      const stop = (reason: InterruptReason) => {
        if (handle.pending?.id !== id) return;
        this.stopCurrent = null;
        clearTimeout(interruptTimer);
        if (handle.interruptBuffer) {
          requestInterrupt(handle.interruptBuffer, reason);
          killTimer = setTimeout(() => kill(reason), this.options.graceMs);
        } else {
          kill(reason);
        }
      };

      this.stopCurrent = stop;
      interruptTimer = setTimeout(() => stop("timeout"), options.timeLimitMs);
      handle.send(build({ id, nonce, options }), {
        id,
        nonce,
        kind,
        resolve: finish,
        abandon: (reason) => fail("crashed", `The Python worker stopped: ${reason}.`),
      });
    });
  }
}

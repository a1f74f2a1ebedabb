/**
 * Starting the Python worker before the page's JavaScript has loaded.
 *
 * A PythonRunner made in a React effect exists only after the page's bundles
 * have been fetched, parsed and hydrated — on a repeat visit that was 0.9 s
 * after navigation, more than half of the whole 1 s budget for a first check
 * (docs/performance.md). The worker does not need React: the exercise page
 * renders `earlyRunnerScript()` as an inline `<script>`, which the browser
 * runs while it parses the HTML; it creates the worker and sends its init at
 * once, and keeps what the worker says until the page's PythonRunner adopts
 * it (`takeEarlyRunner`, browser-client.ts), which then sees the worker's
 * messages in order, as if it had made it itself.
 *
 * Nothing here widens what the worker can do: it is the same worker script
 * and the same init the runner would send (browser-worker.ts); requests still
 * carry the runner's per-request nonces.
 */
import { PYODIDE_INDEX_PATH, RUNNER_WORKER_URL } from "./assets";
import { PROTOCOL_VERSION, type InitMessage } from "./protocol";

/** Property of `window` the inline script leaves the worker under until it is adopted. */
export const EARLY_RUNNER_KEY = "__leaklessEarlyRunner";

/** What the worker said before it was adopted, in order. */
export type EarlyWorkerEvent = { type: "message"; data: unknown } | { type: "error"; message: string };

export interface EarlyRunner {
  worker: Worker;
  /** The init's interrupt buffer (null when the page is not cross-origin isolated). */
  interruptBuffer: Int32Array | null;
  memoryLimitBytes: number;
  /** Stop buffering and return what was buffered; from then on the adopter listens itself. */
  takeBacklog(): EarlyWorkerEvent[];
}

/**
 * The inline script's source. `memoryLimitBytes` must be what the page's
 * runner will ask for (the exercise's limit): otherwise the runner does not
 * adopt the worker and starts its own.
 */
export function earlyRunnerScript({ memoryLimitBytes }: { memoryLimitBytes: number }): string {
  const init: Omit<InitMessage, "interruptBuffer"> = {
    type: "init",
    protocol: PROTOCOL_VERSION,
    indexURL: PYODIDE_INDEX_PATH,
    memoryLimitBytes,
  };
  // Plain ES2017, no imports: it runs before any bundle. JSON.stringify makes every value a literal
  // (and "<" is escaped so nothing in it can close the <script> element).
  const literal = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
  return `(function () {
  try {
    if (window[${literal(EARLY_RUNNER_KEY)}] || typeof Worker === "undefined") return;
    var worker = new Worker(${literal(RUNNER_WORKER_URL)}, { type: "module" });
    var backlog = [];
    var onMessage = function (event) { backlog.push({ type: "message", data: event.data }); };
    var onError = function (event) { backlog.push({ type: "error", message: event.message || "script error" }); };
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
    var init = ${literal(init)};
    var interruptBuffer = null;
    if (window.crossOriginIsolated && typeof SharedArrayBuffer !== "undefined") {
      interruptBuffer = new Int32Array(new SharedArrayBuffer(8));
      init.interruptBuffer = interruptBuffer;
    }
    worker.postMessage(init);
    Object.defineProperty(window, ${literal(EARLY_RUNNER_KEY)}, {
      configurable: true,
      value: {
        worker: worker,
        interruptBuffer: interruptBuffer,
        memoryLimitBytes: init.memoryLimitBytes,
        takeBacklog: function () {
          worker.removeEventListener("message", onMessage);
          worker.removeEventListener("error", onError);
          return backlog.splice(0);
        }
      }
    });
  } catch (error) {
    // The page's runner starts its own worker.
  }
})();`;
}

/**
 * The worker the inline script started, once (later calls return null), if
 * it was started for this memory limit; a mismatched one is terminated.
 */
export function takeEarlyRunner(memoryLimitBytes: number): EarlyRunner | null {
  if (typeof window === "undefined") return null;
  const holder = window as unknown as Record<string, EarlyRunner | undefined>;
  const early = holder[EARLY_RUNNER_KEY];
  if (!early) return null;
  delete holder[EARLY_RUNNER_KEY];
  if (early.memoryLimitBytes !== memoryLimitBytes) {
    early.worker.terminate();
    return null;
  }
  return early;
}

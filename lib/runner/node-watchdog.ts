/**
 * Time limits for a Python session running on Node's main thread (the server
 * verifier, the tests). Pyodide runs learner code synchronously, so no timer
 * on the same thread can fire until it returns; a second thread has to write
 * into the interrupt buffer. This starts one small `worker_threads` thread per
 * session that sleeps on an Atomics.wait with a timeout and, if the run is
 * still going when it wakes, requests a "timeout" interrupt.
 *
 * In the browser the page plays this role (it owns the buffer and a timer),
 * so this module is Node-only and is not part of the worker bundle.
 */
import { Worker } from "node:worker_threads";
import { INTERRUPT_LAYOUT } from "./interrupt";

/** What a session needs from a watchdog. */
export interface InterruptWatchdog {
  /** Interrupt the run after `ms` unless the returned `disarm` is called first. */
  arm(ms: number): () => void;
  /** Stop the thread. */
  close(): Promise<void>;
}

// control[0] is a generation counter: odd = armed, even = idle, -1 = closed.
// control[1] is the armed time limit in ms.
const WATCHDOG_SOURCE = `
const { workerData } = require("node:worker_threads");
const { interrupt, control } = workerData;
let seen = 0;
for (;;) {
  Atomics.wait(control, 0, seen);
  const generation = Atomics.load(control, 0);
  if (generation < 0) break;
  seen = generation;
  if (generation % 2 === 1) {
    let waited = Atomics.wait(control, 0, generation, Atomics.load(control, 1));
    // Keep interrupting, once a second, until the run is disarmed: one
    // interrupt can be swallowed by learner code or cleared by a race with
    // the start of a run, and a host must never spin forever.
    while (waited === "timed-out") {
      Atomics.store(interrupt, ${INTERRUPT_LAYOUT.REASON}, ${INTERRUPT_LAYOUT.TIMEOUT_CODE});
      Atomics.store(interrupt, ${INTERRUPT_LAYOUT.SIGNAL}, ${INTERRUPT_LAYOUT.SIGINT});
      waited = Atomics.wait(control, 0, generation, 1000);
    }
  }
}
`;

/** Start a watchdog thread that writes into `interruptBuffer` (see interrupt.ts). */
export function createNodeWatchdog(interruptBuffer: Int32Array): InterruptWatchdog {
  const control = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  const thread = new Worker(WATCHDOG_SOURCE, {
    eval: true,
    workerData: { interrupt: interruptBuffer, control },
  });
  // The thread only ever waits; it must not keep a finished process alive.
  thread.unref();

  const bump = () => {
    Atomics.add(control, 0, 1);
    Atomics.notify(control, 0);
  };

  return {
    arm(ms) {
      if (Atomics.load(control, 0) % 2 === 1) throw new Error("watchdog is already armed");
      Atomics.store(control, 1, Math.max(1, Math.ceil(ms)));
      bump();
      let armed = true;
      return () => {
        if (!armed) return;
        armed = false;
        bump();
      };
    },
    async close() {
      Atomics.store(control, 0, -1);
      Atomics.notify(control, 0);
      await thread.terminate();
    },
  };
}

/**
 * The interrupt buffer shared between the thread running Python and whoever
 * stops it (the page, or a Node watchdog thread).
 *
 * Layout: Int32Array(2) over a SharedArrayBuffer.
 * - slot 0 is Pyodide's: writing SIGINT (2) makes the interpreter raise
 *   KeyboardInterrupt at its next check, and Pyodide writes 0 back when it
 *   has taken the signal (`pyodide.setInterruptBuffer` reads slot 0 only);
 * - slot 1 is ours: why the interrupt was asked for, written before slot 0,
 *   so the session can tell a time limit from a Stop button, and can tell
 *   "interrupted" (slot 1 set, slot 0 taken) from "asked too late, the run had
 *   already finished" (slot 1 set, slot 0 still 2).
 *
 * A Python-level interrupt can be ignored (`except KeyboardInterrupt: pass`,
 * `time.sleep`, which waits with Atomics.wait in Pyodide, long C calls); the
 * host always needs a hard stop behind it (terminate the worker or process).
 */

const SIGNAL = 0;
const REASON = 1;
const SIGINT = 2;

export type InterruptReason = "timeout" | "stop";
const REASON_CODES: Record<InterruptReason, number> = { timeout: 1, stop: 2 };

/** A fresh buffer, or null where SharedArrayBuffer is unavailable (page not cross-origin isolated). */
export function createInterruptBuffer(): Int32Array | null {
  if (typeof SharedArrayBuffer === "undefined") return null;
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/** Ask the interpreter using `buffer` to raise KeyboardInterrupt. Safe from any thread. */
export function requestInterrupt(buffer: Int32Array, reason: InterruptReason): void {
  Atomics.store(buffer, REASON, REASON_CODES[reason]);
  Atomics.store(buffer, SIGNAL, SIGINT);
}

/** Forget any earlier request; call right before a run starts. */
export function clearInterrupt(buffer: Int32Array): void {
  Atomics.store(buffer, SIGNAL, 0);
  Atomics.store(buffer, REASON, 0);
}

/**
 * After a run: the reason of an interrupt the interpreter actually took, or
 * null when none was requested or the request came after Python had finished.
 */
export function takenInterrupt(buffer: Int32Array): InterruptReason | null {
  const reason = Atomics.load(buffer, REASON);
  if (reason === 0 || Atomics.load(buffer, SIGNAL) !== 0) return null;
  return reason === REASON_CODES.stop ? "stop" : "timeout";
}

/** Worker-thread source shared with `node-watchdog.ts`; kept here next to the layout it relies on. */
export const INTERRUPT_LAYOUT = { SIGNAL, REASON, SIGINT, TIMEOUT_CODE: REASON_CODES.timeout } as const;

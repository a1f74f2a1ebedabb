/**
 * The interrupt buffer shared between the thread running Python and the page
 * that stops it (the Stop button, the page's time limit).
 *
 * Layout: Int32Array(2) over a SharedArrayBuffer.
 * - slot 0: non-zero (SIGINT) when an interrupt is asked for; the engine's
 *   poll writes 0 back when it takes it;
 * - slot 1: why it was asked for, written before slot 0, so the session can
 *   tell a time limit from the Stop button.
 *
 * A Python-level interrupt can be ignored (`except KeyboardInterrupt: pass`,
 * long C calls); the host always needs a hard stop behind it (terminate the
 * worker or process).
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
 * The interrupt asked for since the last call, if any, and clears it: the
 * engine's poll (lib/judge/interpreters.ts) calls this from the eval loop.
 */
export function takeInterrupt(buffer: Int32Array): InterruptReason | null {
  if (Atomics.load(buffer, SIGNAL) === 0) return null;
  const reason = Atomics.load(buffer, REASON);
  Atomics.store(buffer, SIGNAL, 0);
  return reason === REASON_CODES.stop ? "stop" : "timeout";
}

/**
 * Stopping runaway Python on Node: a watchdog thread writes SIGINT into the
 * interrupt buffer while the main thread is stuck in learner code.
 */
import type { PyodideAPI } from "pyodide";
import { clearInterrupt, createInterruptBuffer, requestInterrupt, takenInterrupt } from "@/lib/runner/interrupt";
import { createNodeWatchdog, type InterruptWatchdog } from "@/lib/runner/node-watchdog";
import { loadPyodide } from "./pyodide-node";

const LIMIT_MS = 300;
/** Generous bound: the interpreter checks the buffer every few thousand bytecodes. */
const GRACE_MS = 3000;

let pyodide: PyodideAPI;
let buffer: Int32Array;
let watchdog: InterruptWatchdog;

beforeAll(async () => {
  pyodide = await loadPyodide();
  buffer = createInterruptBuffer()!;
  pyodide.setInterruptBuffer(buffer);
  watchdog = createNodeWatchdog(buffer);
});
afterAll(() => watchdog.close());

/** Run `code` under the watchdog: the exception type (or "ok") and the elapsed time. */
function runLimited(code: string, limitMs = LIMIT_MS): { outcome: string; ms: number; taken: ReturnType<typeof takenInterrupt> } {
  clearInterrupt(buffer);
  const started = Date.now();
  const disarm = watchdog.arm(limitMs);
  let outcome = "ok";
  try {
    pyodide.runPython(code);
  } catch (error) {
    outcome = (error as { type?: string }).type ?? String(error);
  } finally {
    disarm();
  }
  return { outcome, ms: Date.now() - started, taken: takenInterrupt(buffer) };
}

test("an infinite loop is stopped with KeyboardInterrupt within the limit plus grace", () => {
  const { outcome, ms, taken } = runLimited("while True: pass");
  expect(outcome).toBe("KeyboardInterrupt");
  expect(taken).toBe("timeout");
  expect(ms).toBeGreaterThanOrEqual(LIMIT_MS);
  expect(ms).toBeLessThan(LIMIT_MS + GRACE_MS);
});

test("a huge integer power (C-level loop) is interrupted too", () => {
  const { outcome, ms } = runLimited("10 ** 10 ** 8");
  expect(outcome).toBe("KeyboardInterrupt");
  expect(ms).toBeLessThan(LIMIT_MS + GRACE_MS);
});

test("a run that finishes in time is not interrupted, and the next run is clean", () => {
  expect(runLimited("sum(range(1000))")).toMatchObject({ outcome: "ok", taken: null });
  expect(runLimited("x = 1").outcome).toBe("ok");
});

test("learner code can swallow the interrupt: only a hard stop of the host helps then", () => {
  // Bounded so the test ends: the loop counts the interrupts it swallowed and
  // gives up after the first, which an unbounded `while True` would never do.
  const code = [
    "swallowed = 0",
    "while swallowed < 1:",
    "    try:",
    "        while True: pass",
    "    except KeyboardInterrupt:",
    "        swallowed += 1",
    "'survived'",
  ].join("\n");
  const { outcome, taken } = runLimited(code);
  expect(outcome).toBe("ok");
  // The interrupt was delivered (and taken) even though the run "succeeded":
  // the session reports such a run as a timeout.
  expect(taken).toBe("timeout");
});

test("time.sleep is not interruptible in Pyodide: the interrupt lands only after the sleep", () => {
  const { outcome, ms } = runLimited("import time\ntime.sleep(1.5)\nwhile True: pass", 100);
  expect(outcome).toBe("KeyboardInterrupt");
  expect(ms).toBeGreaterThanOrEqual(1500);
});

test("an interrupt requested after the run finished is recognised as not taken", () => {
  clearInterrupt(buffer);
  pyodide.runPython("1 + 1");
  requestInterrupt(buffer, "stop");
  expect(takenInterrupt(buffer)).toBeNull();
  clearInterrupt(buffer);
  expect(pyodide.runPython("2 + 2")).toBe(4);
});

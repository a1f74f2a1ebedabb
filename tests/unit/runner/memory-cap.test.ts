/**
 * The heap ceiling against real Pyodide, without the harness: memory bombs
 * must end as MemoryError inside Python, and the interpreter must keep working.
 */
import type { PyodideAPI } from "pyodide";
import { capMemory, memoryRefusals } from "@/lib/runner/memory-cap";
import { loadPyodide, MB } from "./pyodide-node";

const LIMIT = 192 * MB;
let pyodide: PyodideAPI;
let memory: WebAssembly.Memory;

beforeAll(async () => {
  pyodide = await loadPyodide();
  memory = (pyodide as unknown as { _module: { memory: WebAssembly.Memory } })._module.memory;
  capMemory(memory, LIMIT);
});

/** Run `code` in a fresh namespace; the exception type name, or "ok". */
function outcome(code: string): string {
  const namespace = pyodide.globals.get("dict")();
  try {
    pyodide.runPython(code, { globals: namespace });
    return "ok";
  } catch (error) {
    return (error as { type?: string }).type ?? String(error);
  } finally {
    namespace.destroy();
    // Pyodide keeps the last exception in sys.last_exc; its traceback holds the
    // bomb's frame, and so the bomb, alive. Drop it without compiling any
    // Python (compiling needs heap, and the heap is full until this is done).
    const sys = pyodide.pyimport("sys");
    for (const name of ["last_exc", "last_value", "last_traceback", "last_type"]) sys[name] = undefined;
    sys.destroy();
  }
}

test.each([
  ["a growing list", "x = []\nwhile True:\n    x.append([0] * 1000)"],
  ["a string doubling loop", "s = 'a'\nwhile True:\n    s = s + s"],
  ["a dict filling loop", "d = {}\ni = 0\nwhile True:\n    d[i] = str(i) * 10\n    i += 1"],
  ["one allocation above the limit", "b = bytearray(300 * 1024 * 1024)"],
  ["[0] * 10**9 (refused by CPython before asking for heap)", "[0] * 10**9"],
])("%s raises MemoryError and the heap stays under the limit", (_label, code) => {
  expect(outcome(code)).toBe("MemoryError");
  expect(memory.buffer.byteLength).toBeLessThanOrEqual(LIMIT);
  // The interpreter is still usable, and memory freed by the bomb is reusable.
  expect(outcome("b = bytearray(64 * 1024 * 1024)\nassert sum(range(10)) == 45")).toBe("ok");
});

test("a refused growth is counted, even when CPython turns it into another error", () => {
  // Fast locals concatenate in place: CPython 3.14 can leave a broken string behind when
  // that runs out (a TypeError naming no types), so the session treats any refusal
  // during a run as a run that cannot pass (tests/unit/runner/session.test.ts).
  const before = memoryRefusals(memory);
  const result = outcome("def bomb():\n    s = 'a'\n    while True:\n        s = s + s\nbomb()");
  expect(["MemoryError", "TypeError"]).toContain(result);
  expect(memoryRefusals(memory)).toBeGreaterThan(before);
  expect(memory.buffer.byteLength).toBeLessThanOrEqual(LIMIT);
});

test("'a' * 10**10 is an OverflowError on 32-bit Pyodide (the size does not fit Py_ssize_t), not a heap question", () => {
  expect(outcome("'a' * 10**10")).toBe("OverflowError");
});

test("other WebAssembly memories in the same realm are not capped", () => {
  const other = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
  other.grow(((LIMIT / 65536) | 0) + 16);
  expect(other.buffer.byteLength).toBeGreaterThan(LIMIT);
});

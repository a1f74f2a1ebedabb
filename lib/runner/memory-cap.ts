/**
 * A ceiling on a WebAssembly heap, so a memory bomb in learner code becomes a
 * Python `MemoryError` instead of a dead tab or an out-of-memory process.
 *
 * How it works: Pyodide's C allocator asks JavaScript for more heap through
 * Emscripten's `_emscripten_resize_heap`, which calls `wasmMemory.grow(pages)`
 * inside a try/catch and, when every attempt throws, reports failure to
 * `malloc`; CPython turns the NULL into `MemoryError`. `wasmMemory` is the
 * instance's exported memory, a plain `WebAssembly.Memory`, so its `grow`
 * resolves through `WebAssembly.Memory.prototype.grow` (checked in
 * pyodide.asm.mjs of 314.0.7: `growMemory = size => { ... try {
 * wasmMemory.grow(pages); ... } catch (e) {} }`). We wrap that prototype
 * method once per JavaScript realm and refuse growth past the limit of the
 * memories registered here; every other memory in the realm is untouched.
 *
 * Not a security boundary: code that can reach JavaScript (learner Python via
 * `js`) can undo the wrapper. It protects learners from their own mistakes;
 * the server verifier adds an OS-level limit.
 */

/** Key of the realm-wide registry; `Symbol.for` so two copies of this module share it. */
const REGISTRY_KEY = Symbol.for("leakless.memoryCap.caps");

type Registry = WeakMap<WebAssembly.Memory, { limit: number; refusals: number }>;
type CappedGrow = WebAssembly.Memory["grow"] & { [REGISTRY_KEY]?: Registry };

const WASM_PAGE_BYTES = 65_536;

/** Raised (and swallowed by Emscripten) when a capped memory would grow past its limit. */
export class MemoryLimitError extends RangeError {
  constructor(limitBytes: number) {
    super(`WebAssembly heap limit of ${limitBytes} bytes reached`);
    this.name = "MemoryLimitError";
  }
}

/** Install the wrapper (idempotent) and return the realm's limit registry. */
function registry(): Registry {
  const proto = WebAssembly.Memory.prototype;
  const current = proto.grow as CappedGrow;
  const existing = current[REGISTRY_KEY];
  if (existing) return existing;

  const limits: Registry = new WeakMap();
  const originalGrow = current;
  const cappedGrow: CappedGrow = function grow(this: WebAssembly.Memory, deltaPages: number): number {
    const cap = limits.get(this);
    if (cap !== undefined && this.buffer.byteLength + deltaPages * WASM_PAGE_BYTES > cap.limit) {
      cap.refusals++;
      throw new MemoryLimitError(cap.limit);
    }
    return originalGrow.call(this, deltaPages);
  };
  cappedGrow[REGISTRY_KEY] = limits;
  proto.grow = cappedGrow;
  return limits;
}

/**
 * Refuse growth of `memory` past `limitBytes` from now on. The heap never
 * shrinks, so a limit below the current size only stops further growth.
 */
export function capMemory(memory: WebAssembly.Memory, limitBytes: number): void {
  if (!(limitBytes > 0)) throw new RangeError(`memory limit must be positive, got ${limitBytes}`);
  const limits = registry();
  const cap = limits.get(memory);
  if (cap) cap.limit = limitBytes;
  else limits.set(memory, { limit: limitBytes, refusals: 0 });
}

/**
 * How many times `memory` was refused growth so far. CPython does not always
 * survive a failed allocation intact (a string concatenation that runs out
 * in place can leave a broken object behind), so callers treat a refusal
 * during a run as the end of what that run can prove.
 */
export function memoryRefusals(memory: WebAssembly.Memory): number {
  return registry().get(memory)?.refusals ?? 0;
}

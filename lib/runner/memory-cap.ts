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
const REGISTRY_KEY = Symbol.for("leakless.memoryCap.limits");

type Registry = WeakMap<WebAssembly.Memory, number>;
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
    const limit = limits.get(this);
    if (limit !== undefined && this.buffer.byteLength + deltaPages * WASM_PAGE_BYTES > limit) {
      throw new MemoryLimitError(limit);
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
  registry().set(memory, limitBytes);
}

/**
 * The JavaScript side of a warm verifier process's integrity check.
 *
 * Learner Python reaches JavaScript through Pyodide's `js` and `pyodide_js`.
 * The intrinsics (Object, Array, JSON, Buffer …) are frozen before any
 * learner code runs (harden.ts), and the job loop never returns to the event
 * loop between jobs (entry.ts), so a learner's timer or listener can never run
 * later. What is left is state: a property added to or replaced on the global
 * object, `process`, the `fs` module, the Pyodide API or its Emscripten module.
 * This records, at boot, every own property of those objects (and of the plain
 * objects and functions one level below them) by identity, and reports the
 * first difference after a job. It also counts Node's active resources: a
 * timer, an open handle or a listener a job left behind is a difference.
 */

// Captured when this module loads, before any learner code exists.
const getActiveResourcesInfo = (
  process as unknown as { getActiveResourcesInfo?: () => string[] }
).getActiveResourcesInfo?.bind(process);

type Entry = { holder: object; key: PropertyKey; value: unknown; get: unknown; set: unknown };
/** An object whose own properties were recorded, with how many it had. */
type Holder = { path: string; holder: object; keys: number; root: boolean };

/** Properties Emscripten and Pyodide legitimately rebind at run time (views over a grown wasm heap). */
const VOLATILE_KEYS = new Set<PropertyKey>([
  "HEAP8",
  "HEAPU8",
  "HEAP16",
  "HEAPU16",
  "HEAP32",
  "HEAPU32",
  "HEAPF32",
  "HEAPF64",
  "HEAP64",
  "HEAPU64",
]);

function isWalkable(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

function record(
  roots: ReadonlyArray<readonly [string, object]>,
  depth: number,
  opaque: (value: object) => boolean,
): { entries: Entry[]; holders: Holder[]; paths: Map<Entry, string> } {
  const entries: Entry[] = [];
  const holders: Holder[] = [];
  const paths = new Map<Entry, string>();
  const seen = new Set<object>();
  const rootObjects = new Set(roots.map(([, root]) => root));
  const visit = (path: string, holder: object, level: number) => {
    if (seen.has(holder) || ArrayBuffer.isView(holder) || holder instanceof ArrayBuffer) return;
    seen.add(holder);
    const keys = Reflect.ownKeys(holder);
    holders.push({ path, holder, keys: keys.length, root: rootObjects.has(holder) });
    for (const key of keys) {
      if (VOLATILE_KEYS.has(key)) continue;
      const descriptor = Reflect.getOwnPropertyDescriptor(holder, key);
      if (!descriptor) continue;
      const entry = { holder, key, value: descriptor.value, get: descriptor.get, set: descriptor.set };
      entries.push(entry);
      paths.set(entry, `${path}.${String(key)}`);
      if (level < depth && isWalkable(entry.value) && !Object.isFrozen(entry.value) && !opaque(entry.value)) {
        visit(`${path}.${String(key)}`, entry.value, level + 1);
      }
    }
  };
  for (const [name, root] of roots) visit(name, root, 0);
  return { entries, holders, paths };
}

/**
 * Records the roots now; the returned function reports the first difference
 * (for logs) or null. `depth` 1 also records the own properties of every
 * unfrozen object or function found directly on a root. `opaque` values are
 * compared by identity but never looked into: a Pyodide PyProxy answers
 * `ownKeys` by running Python, which must not happen here (it would create
 * Python objects, and the interpreter check counts those).
 *
 * After a job, every recorded property is compared (value, getter, setter,
 * by identity) and every recorded object must have as many own keys as at
 * boot: with every boot key still there, an equal count means no key was
 * added. (This replaced a second full walk per check that rebuilt every
 * entry only to count them: Pyodide's Emscripten module alone has ~6,500
 * properties, most of them wasm functions with their own.)
 */
export function captureRealm(
  roots: ReadonlyArray<readonly [string, object]>,
  opaque: (value: object) => boolean,
  depth = 1,
): () => string | null {
  const { entries, holders, paths } = record(roots, depth, opaque);
  const bootResources = activeResources();
  const getDescriptor = Reflect.getOwnPropertyDescriptor;
  const ownKeys = Reflect.ownKeys;
  return () => {
    const resources = activeResources();
    if (resources !== bootResources) return `active resources changed (${bootResources} → ${resources})`;
    for (const { path, holder, keys, root } of holders) {
      if (root && ownKeys(holder).length !== keys) return `${path} gained or lost a property`;
    }
    for (const entry of entries) {
      const now = getDescriptor(entry.holder, entry.key);
      if (!now || !Object.is(now.value, entry.value) || now.get !== entry.get || now.set !== entry.set) {
        return `${paths.get(entry)} changed`;
      }
    }
    // Every boot key is still there (above), so an equal count means nothing was added.
    for (const { holder, keys, root } of holders) {
      if (!root && ownKeys(holder).length !== keys) return "a property was added below a root";
    }
    return null;
  };
}

/** Timers, handles and requests keeping Node's event loop busy (a learner's setInterval is one). */
function activeResources(): string {
  return getActiveResourcesInfo ? [...getActiveResourcesInfo()].sort().join(",") : "";
}

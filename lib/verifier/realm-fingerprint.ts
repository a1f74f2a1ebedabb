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

type Entry = { path: string; holder: object; key: PropertyKey; value: unknown; get: unknown; set: unknown };

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

function describe(path: string, holder: object, key: PropertyKey): Entry | null {
  const descriptor = Reflect.getOwnPropertyDescriptor(holder, key);
  if (!descriptor) return null;
  return { path, holder, key, value: descriptor.value, get: descriptor.get, set: descriptor.set };
}

function isWalkable(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

function entriesOf(
  roots: ReadonlyArray<readonly [string, object]>,
  depth: number,
  opaque: (value: object) => boolean,
): Entry[] {
  const entries: Entry[] = [];
  const seen = new Set<object>();
  const visit = (path: string, holder: object, level: number) => {
    if (seen.has(holder) || ArrayBuffer.isView(holder) || holder instanceof ArrayBuffer) return;
    seen.add(holder);
    for (const key of Reflect.ownKeys(holder)) {
      if (VOLATILE_KEYS.has(key)) continue;
      const entry = describe(`${path}.${String(key)}`, holder, key);
      if (!entry) continue;
      entries.push(entry);
      if (level < depth && isWalkable(entry.value) && !Object.isFrozen(entry.value) && !opaque(entry.value)) {
        visit(entry.path, entry.value, level + 1);
      }
    }
  };
  for (const [name, root] of roots) visit(name, root, 0);
  return entries;
}

/**
 * Records the roots now; the returned function reports the first difference
 * (for logs) or null. `depth` 1 also records the own properties of every
 * unfrozen object or function found directly on a root. `opaque` values are
 * compared by identity but never looked into: a Pyodide PyProxy answers
 * `ownKeys` by running Python, which must not happen here (it would create
 * Python objects, and the interpreter check counts those).
 */
export function captureRealm(
  roots: ReadonlyArray<readonly [string, object]>,
  opaque: (value: object) => boolean,
  depth = 1,
): () => string | null {
  const boot = entriesOf(roots, depth, opaque);
  const bootKeys = roots.map(([, root]) => Reflect.ownKeys(root).length);
  const bootResources = activeResources();
  return () => {
    const resources = activeResources();
    if (resources !== bootResources) return `active resources changed (${bootResources} → ${resources})`;
    for (let i = 0; i < roots.length; i++) {
      if (Reflect.ownKeys(roots[i][1]).length !== bootKeys[i]) return `${roots[i][0]} gained or lost a property`;
    }
    for (const entry of boot) {
      const now = describe(entry.path, entry.holder, entry.key);
      if (!now || !Object.is(now.value, entry.value) || now.get !== entry.get || now.set !== entry.set) {
        return `${entry.path} changed`;
      }
    }
    // Properties added one level down (e.g. a new method on pyodide._api): compare key counts.
    const added = entriesOf(roots, depth, opaque).length;
    return added === boot.length ? null : "a property was added below a root";
  };
}

/** Timers, handles and requests keeping Node's event loop busy (a learner's setInterval is one). */
function activeResources(): string {
  return getActiveResourcesInfo ? [...getActiveResourcesInfo()].sort().join(",") : "";
}

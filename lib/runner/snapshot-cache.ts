/**
 * A browser-side memory snapshot of a booted interpreter (Pyodide's
 * experimental `_makeSnapshot` / `_loadSnapshot`), kept in Cache Storage so a
 * repeat visit restores Python instead of starting it. Starting the
 * interpreter (Python's own init, the stdlib imports, the `leakless` import)
 * is most of a load; a restore skips all of it (docs/performance.md has the
 * figures).
 *
 * Who makes it: only a worker whose init says `snapshot: "make"` — the
 * runner's warm spare, which starts after the learner's first feedback, so
 * the first visit never waits for it. It boots in snapshot mode, copies the
 * heap right after the `leakless` import (before any learner code has run in
 * it: the snapshot holds a pristine interpreter, the same state the harness
 * captures as its baseline) and stores it. Every later worker with the same
 * key restores from it; a restore that fails deletes the entry and boots cold.
 *
 * The key covers what the heap holds: the Pyodide version and the `leakless`
 * package files (hashed at build time by scripts/build-runner.mjs). A new
 * version is a new key; old entries are deleted when a snapshot is stored.
 *
 * Trust: the entry lives in this origin's Cache Storage. Learner code cannot
 * write it — the worker removes `caches` before any learner code runs (see
 * browser-worker.ts) and this module keeps its own reference, taken when the
 * worker script starts. A learner who edits Cache Storage in devtools only
 * changes their own advisory feedback: the server re-verifies every
 * submission in its own interpreter.
 */

export const SNAPSHOT_CACHE_NAME = "leakless-python-snapshot";

export interface SnapshotStore {
  /** The stored snapshot's bytes, or null (none, another key, or no Cache Storage). */
  read(): Promise<Uint8Array | null>;
  write(bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  remove(): Promise<void>;
}

/**
 * `cacheStorage` is the worker's `caches`, captured before anything can
 * replace it; undefined when the page is not a secure context.
 */
export function createSnapshotStore(
  cacheStorage: CacheStorage | undefined,
  baseURL: string,
  key: string,
): SnapshotStore {
  const url = new URL(`snapshot/${key}.bin`, baseURL).href;
  const open = () => (cacheStorage ? cacheStorage.open(SNAPSHOT_CACHE_NAME) : Promise.resolve(null));
  return {
    async read() {
      try {
        const cache = await open();
        const response = await cache?.match(url);
        return response ? new Uint8Array(await response.arrayBuffer()) : null;
      } catch {
        return null; // storage disabled or evicted: boot cold
      }
    },
    async write(bytes) {
      const cache = await open();
      if (!cache) return;
      // One snapshot per origin: drop those of earlier versions first (each is ~30 MB).
      for (const request of await cache.keys()) if (request.url !== url) await cache.delete(request);
      await cache.put(url, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
    },
    async remove() {
      try {
        await (await open())?.delete(url);
      } catch {
        // nothing to remove
      }
    },
  };
}

/** How a worker's interpreter came to be. */
export type SnapshotOutcome = "restored" | "made" | "none";

type BootConfig = { _loadSnapshot?: Uint8Array; _makeSnapshot?: boolean };

/**
 * Boot through `boot` (which passes the config on to loadPyodide): restore
 * from the stored snapshot when there is one; otherwise boot cold, and when
 * `make` is set, in snapshot mode, storing a snapshot right after `boot`
 * resolved (the session has imported `leakless`; no learner code has run).
 */
export async function bootWithSnapshot<S extends { pyodide: unknown }>(
  store: SnapshotStore,
  make: boolean,
  boot: (config: BootConfig) => Promise<S>,
): Promise<{ session: S; snapshot: SnapshotOutcome }> {
  const stored = await store.read();
  if (stored) {
    try {
      return { session: await boot({ _loadSnapshot: stored }), snapshot: "restored" };
    } catch {
      // A snapshot this build cannot restore (a browser update, a corrupt entry): forget it.
      await store.remove();
    }
  }
  if (!make) return { session: await boot({}), snapshot: "none" };
  let session: S;
  try {
    session = await boot({ _makeSnapshot: true });
  } catch {
    // Snapshot mode is experimental in Pyodide: if it cannot boot, be an ordinary worker.
    return { session: await boot({}), snapshot: "none" };
  }
  try {
    const bytes = (session.pyodide as { makeMemorySnapshot(): Uint8Array<ArrayBuffer> }).makeMemorySnapshot();
    await store.write(bytes);
    return { session, snapshot: "made" };
  } catch {
    return { session, snapshot: "none" }; // quota, private mode: the next visit boots cold
  }
}

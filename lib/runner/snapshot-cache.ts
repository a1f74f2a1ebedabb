/**
 * Memory snapshots of a booted interpreter (Pyodide's experimental
 * `_makeSnapshot` / `_loadSnapshot`): a worker restores Python from one
 * instead of starting it. Starting the interpreter (Python's own init, the
 * stdlib imports, the `leakless` import) is most of a load; a restore skips
 * all of it (docs/performance.md has the figures).
 *
 * Two sources, tried in this order:
 * 1. **the browser's own copy in Cache Storage** — what warm visits use
 *    (read back in a fraction of the time a gunzip in the worker took; with
 *    the browser inflating the download, reading the HTTP cache's copy
 *    measured about the same: docs/performance.md);
 * 2. **the first-visit snapshot made on the server at build time**
 *    (make-runner-snapshot.ts), gzipped beside the Pyodide files and cached
 *    forever by the HTTP cache like pyodide.asm.wasm. It takes the
 *    interpreter start out of a first visit too. It is as trusted as the
 *    wasm file next to it: the same server built both from the same package.
 *
 * Who fills Cache Storage: only a worker whose init says `snapshot: "make"` —
 * the runner's warm spare, which starts after the learner's first feedback,
 * so no visit waits for it. With a first-visit snapshot it restores that one
 * and stores its bytes; without one (the build could not make it) it boots in
 * snapshot mode and copies the heap once the interpreter is prepared (the
 * judge's package imported, the learner interpreter created; before any host
 * function exists and before any learner code has run: see session.ts). A stored snapshot that fails to restore
 * is deleted and the next source is tried; the last resort is a cold boot.
 *
 * The Cache Storage key covers what the heap holds: the Pyodide version, the
 * `leakless` package files and the session code that boots it (hashed at
 * build time by scripts/build-runner.mjs; the first-visit snapshot's file is
 * named by the same key). A new version is a new key; old entries are
 * deleted when a snapshot is stored.
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
  read(): Promise<Uint8Array<ArrayBuffer> | null>;
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

/**
 * How a worker's interpreter came to be: "restored" from the browser's Cache
 * Storage copy, "first-visit" from the server's snapshot, "made" (the spare
 * stored a snapshot for later visits), or "none" (a cold boot).
 */
export type SnapshotOutcome = "restored" | "first-visit" | "made" | "none";

type BootConfig = { _loadSnapshot?: Uint8Array | Promise<Uint8Array>; _makeSnapshot?: boolean };

export interface SnapshotSources {
  /** The browser's own copy (Cache Storage). */
  store: SnapshotStore;
  /** `store.read()` when it was started already (boot-downloads.ts). */
  stored?: Promise<Uint8Array<ArrayBuffer> | null>;
  /** Downloads the server's first-visit snapshot (decompressed); null when the build has none. */
  firstVisit: (() => Promise<Uint8Array<ArrayBuffer>>) | null;
  /** Store a snapshot in `store` when none is stored (the warm spare). */
  make: boolean;
}

/**
 * Boot through `boot` (which passes the config on to loadPyodide) from the
 * first snapshot source that restores (see the header), else cold — in
 * snapshot mode when `make` is set, storing a snapshot right after `boot`
 * resolved (the session has imported `leakless`; no learner code has run).
 */
export async function bootWithSnapshot<S extends { pyodide: unknown }>(
  { store, stored = store.read(), firstVisit, make }: SnapshotSources,
  boot: (config: BootConfig) => Promise<S>,
): Promise<{ session: S; snapshot: SnapshotOutcome }> {
  if (firstVisit || (await stored)) {
    // Handed to loadPyodide as a promise: Pyodide imports its glue, fetches
    // the lock file, the wasm and the stdlib while the snapshot is read or
    // downloaded, and awaits it only before instantiating.
    let source: "stored" | "first-visit" = "stored";
    const bytes = stored.then((found) => {
      if (found) return found;
      source = "first-visit";
      return firstVisit!();
    });
    try {
      const session = await boot({ _loadSnapshot: bytes });
      if (source === "stored") return { session, snapshot: "restored" };
      return { session, snapshot: make && (await storeQuietly(store, await bytes)) ? "made" : "first-visit" };
    } catch {
      // A stored copy this build cannot restore (a browser update, a corrupt
      // entry): forget it, then try the server's. A first-visit snapshot that
      // failed (missing file, offline): boot cold below.
      if (source === "stored") {
        await store.remove();
        if (firstVisit) {
          try {
            const downloaded = await firstVisit();
            const session = await boot({ _loadSnapshot: downloaded });
            return { session, snapshot: make && (await storeQuietly(store, downloaded)) ? "made" : "first-visit" };
          } catch {
            // fall through to a cold boot
          }
        }
      }
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
    const bytes = (session as { preparedSnapshot?: Uint8Array<ArrayBuffer> | null }).preparedSnapshot;
    if (!bytes) return { session, snapshot: "none" };
    return { session, snapshot: (await storeQuietly(store, bytes)) ? "made" : "none" };
  } catch {
    return { session, snapshot: "none" };
  }
}

/** False when the browser refuses (quota, private mode): the next visit then uses the other source. */
async function storeQuietly(store: SnapshotStore, bytes: Uint8Array<ArrayBuffer>): Promise<boolean> {
  try {
    await store.write(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The first bytes of a gzip stream (RFC 1952); a raw Pyodide snapshot starts with "\0snp". */
const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Read the first-visit snapshot from its response. The server sends the gzipped file with
 * `Content-Encoding: gzip` (next.config.ts), so the browser's network
 * service inflates it while it streams in, off the worker's thread, which
 * is busy compiling Pyodide meanwhile (issue #17). A body that is still
 * gzipped (a proxy that dropped the header) is inflated here instead.
 */
export async function downloadSnapshot(
  request: Promise<Response>,
  options: {
    /** The inflated size the build recorded: the bytes are read straight into a buffer of it. */
    expectedBytes?: number;
    /** Told the inflated bytes as they arrive (download-progress.ts). */
    onBytes?: (bytes: number) => void;
  } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const response = await request;
  if (!response.ok || !response.body) throw new Error(`snapshot download failed: HTTP ${response.status}`);
  const body = response.body.getReader();
  const first = await body.read();
  let reader = body;
  let next = first;
  if (!first.done && GZIP_MAGIC.every((byte, i) => first.value[i] === byte)) {
    const gzipped = new ReadableStream<BufferSource>({
      start: (controller) => controller.enqueue(first.value),
      pull: async (controller) => {
        const chunk = await body.read();
        if (chunk.done) controller.close();
        else controller.enqueue(chunk.value);
      },
      cancel: (reason) => body.cancel(reason),
    });
    reader = gzipped.pipeThrough(new DecompressionStream("gzip")).getReader();
    next = await reader.read();
  }
  // One read per chunk into one buffer: no stream piped through JavaScript per chunk and
  // no final copy of the ~40 MB (each cost the worker's thread hundreds of ms, measured).
  let buffer = new Uint8Array(options.expectedBytes ?? 1 << 20);
  let length = 0;
  for (; !next.done; next = await reader.read()) {
    const chunk = next.value;
    if (length + chunk.byteLength > buffer.byteLength) {
      const grown = new Uint8Array(Math.max(buffer.byteLength * 2, length + chunk.byteLength));
      grown.set(buffer.subarray(0, length));
      buffer = grown;
    }
    buffer.set(chunk, length);
    length += chunk.byteLength;
    options.onBytes?.(chunk.byteLength);
  }
  return length === buffer.byteLength ? buffer : buffer.slice(0, length);
}

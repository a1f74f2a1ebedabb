/**
 * The first code the browser worker runs: browser-worker.ts imports this
 * module before any other, and a bundle evaluates ES modules in import order,
 * so the boot's downloads (boot-downloads.ts) and Pyodide's two modules are
 * requested, and the wasm starts compiling (precompiled-wasm.ts), before the
 * rest of the script (zod's schemas, the judge) is evaluated and before the
 * page's init has been parsed (issue #17).
 *
 * It also takes the worker's own `fetch` and `caches` before anything else
 * could replace them (browser-worker.ts removes both before learner code).
 */
/// <reference lib="webworker" />
import { PYODIDE_INDEX_PATH } from "./assets";
import { startBootDownloads } from "./boot-downloads";
import { createSnapshotStore } from "./snapshot-cache";

/** Injected by the build: hash of the Pyodide version and the `leakless` files (snapshot-cache.ts). */
declare const __SNAPSHOT_KEY__: string;
/** Injected by the build: the server-made first-visit snapshot and its inflated size, or null when the build has none. */
declare const __FIRST_VISIT_SNAPSHOT__: { url: string; bytes: number } | null;

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** The worker's `fetch`, as the browser made it. */
export const workerFetch: typeof fetch = scope.fetch.bind(scope);
/** Cache Storage for the interpreter snapshot; undefined outside secure contexts. */
const cacheStorage: CacheStorage | undefined = scope.caches;

/** Where the build put Pyodide's files: the init names the same base (early-start.ts, browser-client.ts). */
const BUILD_INDEX_URL = new URL(PYODIDE_INDEX_PATH, scope.location.href).href;

export const snapshotStore = createSnapshotStore(cacheStorage, BUILD_INDEX_URL, __SNAPSHOT_KEY__);

export const bootDownloads = startBootDownloads({
  fetch: workerFetch,
  baseURL: scope.location.href,
  prefetch: ["python_stdlib.zip", "pyodide-lock.json"].map((file) => BUILD_INDEX_URL + file),
  compile: `${BUILD_INDEX_URL}pyodide.asm.wasm`,
  store: snapshotStore,
  firstVisit: __FIRST_VISIT_SNAPSHOT__
    ? { url: new URL(__FIRST_VISIT_SNAPSHOT__.url, scope.location.href).href, bytes: __FIRST_VISIT_SNAPSHOT__.bytes }
    : null,
});

// The loader and its 1.2 MB wasm glue, compiled while the rest downloads; the
// worker's later import() of the same URLs resolves from the module map.
for (const file of ["pyodide.mjs", "pyodide.asm.mjs"]) {
  import(/* webpackIgnore: true */ `${BUILD_INDEX_URL}${file}`).catch(() => {}); // its importer sees the failure
}

/**
 * The downloads every boot of the browser worker makes, started before the
 * worker has evaluated the rest of its script or parsed the page's init
 * (worker-kickoff.ts calls this first thing; issue #17), so the worker's
 * thread, the one the whole boot waits on, evaluates the rest of its script
 * and compiles Pyodide's glue while the files stream in, and the wasm is
 * compiled as it arrives (precompiled-wasm.ts; docs/performance.md).
 *
 * Nothing here depends on the init: every worker needs the same files, and
 * the snapshot comes from Cache Storage or, when none is stored there, from
 * the server's first-visit copy (snapshot-cache.ts), whatever the init says.
 */
import { compileEarly, type PrecompiledWasm } from "./precompiled-wasm";
import { downloadSnapshot, type SnapshotStore } from "./snapshot-cache";

export interface BootDownloads {
  /**
   * `fetch` for Pyodide's loader: a prefetched URL is answered with the
   * response already under way (once, untouched), the wasm being compiled
   * with a placeholder (precompiled-wasm.ts), anything else goes to the network.
   */
  fetch: typeof fetch;
  /** The browser's own snapshot from Cache Storage, or null. */
  stored: Promise<Uint8Array<ArrayBuffer> | null>;
  /** The server's first-visit snapshot, downloading already when none is stored; null when the build has none. */
  firstVisit: (() => Promise<Uint8Array<ArrayBuffer>>) | null;
  /**
   * Count the first-visit snapshot's bytes if the boot uses that download
   * (nothing is stored, or the stored copy failed): `begin` is called once
   * then; what it returns is told the bytes arrived so far at once, and the
   * rest as they arrive.
   */
  countSnapshotBytes(begin: () => (bytes: number) => void): void;
  /** The wasm compiling since the start (precompiled-wasm.ts), or null when none was asked for. */
  precompiled: PrecompiledWasm | null;
  /** Drop the prefetched responses nobody asked for (a worker told another indexURL). */
  release(): void;
}

export function startBootDownloads(options: {
  fetch: typeof fetch;
  /** What relative URLs are resolved against (the worker's location). */
  baseURL: string;
  /** Absolute URLs to request at once. */
  prefetch: readonly string[];
  /** Absolute URL of the WebAssembly module to compile as it streams in (precompiled-wasm.ts), or null. */
  compile: string | null;
  store: SnapshotStore;
  /** The server's first-visit snapshot and its inflated size, or null. */
  firstVisit: { url: string; bytes: number } | null;
}): BootDownloads {
  const network = options.fetch;

  // Progress counts the first-visit download only once the boot uses it (`download` is set).
  let download: Promise<Uint8Array<ArrayBuffer>> | null = null;
  let arrived = 0;
  let begin: (() => (bytes: number) => void) | null = null;
  let counter: ((bytes: number) => void) | null = null;
  const onBytes = (bytes: number) => {
    arrived += bytes;
    counter?.(bytes);
  };
  const startCounting = () => {
    if (counter || !begin) return;
    counter = begin();
    if (arrived > 0) counter(arrived);
  };

  const abandon = new AbortController();
  const source = options.firstVisit;
  // Requested now (first: the largest file, and HTTP/1.1 gives a host six
  // connections), read only once the boot is known to use it: opening Cache
  // Storage in a new profile took 0.3-0.4 s. Unread, the browser holds back
  // the rest of the body; a repeat visit's stored copy abandons it.
  let request = source ? network(source.url, { signal: abandon.signal }) : null;
  request?.catch(() => {}); // its reader sees the failure
  const firstVisit = source
    ? () => {
        download ??= downloadSnapshot(request ?? network(source.url), { expectedBytes: source.bytes, onBytes });
        startCounting();
        return download;
      }
    : null;

  const stored = options.store.read();
  void stored.then((found) => {
    if (!found) return firstVisit?.().catch(() => {}); // its taker sees the failure
    // Should the stored copy fail to restore, firstVisit() requests the file afresh.
    abandon.abort();
    request = null;
  });

  const precompiled = options.compile ? compileEarly(options.compile, (url) => network(url)) : null;

  const early = new Map<string, Promise<Response>>();
  for (const url of options.prefetch) {
    const response = network(url);
    // Unclaimed, a failure must not surface as an unhandled rejection; a claimed one rejects for its taker.
    response.catch(() => {});
    early.set(url, response);
  }

  const fetchEarly: typeof fetch = (input, init) => {
    const url = typeof input === "string" || input instanceof URL ? new URL(input, options.baseURL).href : null;
    const simple = !init?.method || init.method.toUpperCase() === "GET";
    // Pyodide's own request for the wasm compiling already: a placeholder, not a second download.
    if (url !== null && simple && url === precompiled?.url) return Promise.resolve(precompiled.placeholder());
    if (url !== null && simple) {
      const response = early.get(url);
      if (response) {
        early.delete(url);
        return response;
      }
    }
    return network(input, init);
  };

  return {
    fetch: fetchEarly,
    stored,
    firstVisit,
    countSnapshotBytes(beginCounting) {
      begin = beginCounting;
      if (download) startCounting();
    },
    precompiled,
    release() {
      for (const response of early.values()) void response.then((r) => r.body?.cancel()).catch(() => {});
      early.clear();
    },
  };
}

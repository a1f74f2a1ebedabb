/**
 * The worker's early downloads (boot-downloads.ts), against a recording fetch:
 * each prefetched response reaches Pyodide's loader once and untouched; the
 * first-visit snapshot is requested at once but read only when Cache Storage
 * has no copy, abandoned when it has one, and requested afresh if that copy
 * later fails; progress counts it only when the boot uses it; the wasm is
 * requested once, to compile (Pyodide gets a placeholder). The real boot
 * from these downloads runs in tests/e2e/snapshot-cache.e2e.test.ts.
 */
import { startBootDownloads } from "@/lib/runner/boot-downloads";
import type { SnapshotStore } from "@/lib/runner/snapshot-cache";

const BASE = "https://app.example/exercises/x";
const INDEX = "https://app.example/pyodide/314.0.7/";
const SNAPSHOT = `${INDEX}leakless-0123456789abcdef.snapshot.gz`;
const SNAPSHOT_BYTES = new Uint8Array(4096).map((_, i) => (i % 250) + 1);

function recordingFetch() {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init });
    if (init?.signal?.aborted) throw new DOMException("aborted", "AbortError");
    return new Response(url === SNAPSHOT ? SNAPSHOT_BYTES : `body of ${url}`);
  }) as typeof fetch;
  return { fetchFn, calls };
}

function store(found: Uint8Array<ArrayBuffer> | null): SnapshotStore {
  return { read: async () => found, write: async () => {}, remove: async () => {} };
}

function start(fetchFn: typeof fetch, stored: Uint8Array<ArrayBuffer> | null) {
  return startBootDownloads({
    fetch: fetchFn,
    baseURL: BASE,
    prefetch: [`${INDEX}pyodide.asm.wasm`, `${INDEX}python_stdlib.zip`],
    compile: null,
    store: store(stored),
    firstVisit: { url: SNAPSHOT, bytes: SNAPSHOT_BYTES.length },
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test("everything is requested at once, the snapshot first; a prefetched response is handed over once, untouched", async () => {
  const { fetchFn, calls } = recordingFetch();
  const downloads = start(fetchFn, null);
  expect(calls.map((c) => c.url)).toEqual([SNAPSHOT, `${INDEX}pyodide.asm.wasm`, `${INDEX}python_stdlib.zip`]);

  // Pyodide asks by a path relative to the page, with its own (equivalent) options.
  const wasm = await downloads.fetch("/pyodide/314.0.7/pyodide.asm.wasm", { credentials: "same-origin" });
  expect(await wasm.text()).toBe(`body of ${INDEX}pyodide.asm.wasm`);
  expect(calls).toHaveLength(3); // no second request
  // Once: asked again, or asked with another method, it goes to the network.
  await downloads.fetch(`${INDEX}pyodide.asm.wasm`);
  await downloads.fetch(`${INDEX}python_stdlib.zip`, { method: "POST" });
  await downloads.fetch(`${INDEX}pyodide-lock.json`);
  expect(calls.slice(3).map((c) => c.url)).toEqual([
    `${INDEX}pyodide.asm.wasm`,
    `${INDEX}python_stdlib.zip`,
    `${INDEX}pyodide-lock.json`,
  ]);
});

test("with nothing stored the first-visit snapshot is read at once, and counted once the boot asks for progress", async () => {
  const { fetchFn } = recordingFetch();
  const downloads = start(fetchFn, null);
  expect(await downloads.stored).toBeNull();
  await settle();
  let expected = 0;
  let counted = 0;
  downloads.countSnapshotBytes(() => {
    expected += SNAPSHOT_BYTES.length;
    return (n) => (counted += n);
  });
  expect(await downloads.firstVisit!()).toEqual(SNAPSHOT_BYTES);
  expect(expected).toBe(SNAPSHOT_BYTES.length); // begun once
  expect(counted).toBe(SNAPSHOT_BYTES.length); // the bytes that arrived before it asked included
});

test("a stored copy abandons the first-visit request uncounted; should the copy fail, the snapshot is requested afresh", async () => {
  const { fetchFn, calls } = recordingFetch();
  const stored = new Uint8Array([9, 9, 9]);
  const downloads = start(fetchFn, stored);
  let begun = 0;
  downloads.countSnapshotBytes(() => {
    begun++;
    return () => {};
  });
  expect(await downloads.stored).toBe(stored);
  await settle();
  const first = calls.find((c) => c.url === SNAPSHOT)!;
  expect(first.init?.signal?.aborted).toBe(true);
  expect(begun).toBe(0); // a repeat visit's progress does not wait for bytes it will never get

  // The stored copy did not restore (snapshot-cache.ts then asks for the server's).
  expect(await downloads.firstVisit!()).toEqual(SNAPSHOT_BYTES);
  const requests = calls.filter((c) => c.url === SNAPSHOT);
  expect(requests).toHaveLength(2);
  expect(requests[1].init?.signal).toBeUndefined();
  expect(begun).toBe(1);
});

test("a build without a first-visit snapshot requests none", async () => {
  const { fetchFn, calls } = recordingFetch();
  const downloads = startBootDownloads({
    fetch: fetchFn,
    baseURL: BASE,
    prefetch: [],
    compile: null,
    store: store(null),
    firstVisit: null,
  });
  expect(downloads.firstVisit).toBeNull();
  await settle();
  expect(calls).toEqual([]);
});

test("the wasm compiles from one request at once; Pyodide's own requests for it get a placeholder, not a download", async () => {
  const { fetchFn, calls } = recordingFetch();
  const wasm = `${INDEX}pyodide.asm.wasm`;
  const downloads = startBootDownloads({
    fetch: fetchFn,
    baseURL: BASE,
    prefetch: [`${INDEX}python_stdlib.zip`],
    compile: wasm,
    store: store(null),
    firstVisit: { url: SNAPSHOT, bytes: SNAPSHOT_BYTES.length },
  });
  expect(calls.map((c) => c.url)).toEqual([SNAPSHOT, wasm, `${INDEX}python_stdlib.zip`]);
  expect(downloads.precompiled?.url).toBe(wasm);
  // Every boot attempt (a stored snapshot that fails, then the server's) asks again: never a second request.
  for (let attempt = 0; attempt < 2; attempt++) {
    const placeholder = await downloads.fetch("/pyodide/314.0.7/pyodide.asm.wasm");
    expect(placeholder.status).toBe(204);
  }
  expect(calls.filter((c) => c.url === wasm)).toHaveLength(1);
  // The recording fetch's body is not wasm: the compile fails, and a boot would fetch afresh (precompiled-wasm.test.ts).
});

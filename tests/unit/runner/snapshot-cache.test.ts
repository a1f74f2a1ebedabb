/**
 * The order in which a worker tries its snapshot sources (snapshot-cache.ts),
 * with an in-memory store and a boot function that records what it was given
 * and fails the way loadPyodide fails on bytes it cannot restore. The real
 * restore of a real snapshot is covered in the browser
 * (tests/e2e/snapshot-cache.e2e.test.ts).
 */
import { gzipSync } from "node:zlib";
import { bootWithSnapshot, downloadSnapshot, type SnapshotStore } from "@/lib/runner/snapshot-cache";

const GOOD = new Uint8Array([7, 7, 7]);
const SERVER = new Uint8Array([5, 5, 5, 5]);
const CORRUPT = new Uint8Array([1]);

function memoryStore(initial: Uint8Array<ArrayBuffer> | null) {
  let stored = initial;
  const store: SnapshotStore & { current(): Uint8Array | null } = {
    read: async () => stored,
    write: async (bytes) => {
      stored = bytes;
    },
    remove: async () => {
      stored = null;
    },
    current: () => stored,
  };
  return store;
}

type Config = { _loadSnapshot?: Uint8Array | Promise<Uint8Array>; _makeSnapshot?: boolean };

/**
 * Boots "restore" a snapshot unless it is CORRUPT; records what each call got.
 * A session booted in snapshot mode offers the snapshot of its prepared
 * interpreter as `preparedSnapshot` (session.ts), as the real one does:
 * `prepared` is what it offers then.
 */
function recordingBoot(prepared: Uint8Array | null = GOOD) {
  const calls: string[] = [];
  const boot = async (config: Config) => {
    if (config._loadSnapshot) {
      const bytes = await config._loadSnapshot;
      calls.push(`restore ${bytes.join("")}`);
      if (bytes === CORRUPT) throw new Error("Snapshot has invalid magic number");
    } else calls.push(config._makeSnapshot ? "cold, snapshot mode" : "cold");
    // A heap taken after boot would hold the host functions and any run's traces: never stored.
    const afterBoot = new Uint8Array([6, 6, 6]);
    return {
      pyodide: { makeMemorySnapshot: () => afterBoot },
      preparedSnapshot: config._makeSnapshot ? prepared : null,
    };
  };
  return { calls, boot };
}

test("the browser's stored copy comes first", async () => {
  const { calls, boot } = recordingBoot();
  const result = await bootWithSnapshot(
    { store: memoryStore(GOOD), firstVisit: async () => SERVER, make: false },
    boot,
  );
  expect(result.snapshot).toBe("restored");
  expect(calls).toEqual(["restore 777"]);
});

test("with nothing stored, the server's snapshot is restored; only the spare stores a copy", async () => {
  const visitor = recordingBoot();
  const store = memoryStore(null);
  const first = await bootWithSnapshot({ store, firstVisit: async () => SERVER, make: false }, visitor.boot);
  expect(first.snapshot).toBe("first-visit");
  expect(visitor.calls).toEqual(["restore 5555"]);
  expect(store.current()).toBeNull();

  const spare = recordingBoot();
  const second = await bootWithSnapshot({ store, firstVisit: async () => SERVER, make: true }, spare.boot);
  expect(second.snapshot).toBe("made");
  expect(spare.calls).toEqual(["restore 5555"]); // no cold boot in snapshot mode
  expect(store.current()).toBe(SERVER);
});

test("a stored copy that does not restore is deleted and the server's snapshot is used", async () => {
  const { calls, boot } = recordingBoot();
  const store = memoryStore(CORRUPT);
  const result = await bootWithSnapshot({ store, firstVisit: async () => SERVER, make: false }, boot);
  expect(result.snapshot).toBe("first-visit");
  expect(calls).toEqual(["restore 1", "restore 5555"]);
  expect(store.current()).toBeNull();
});

test("when the server's snapshot cannot be downloaded the worker boots cold", async () => {
  const { calls, boot } = recordingBoot();
  const result = await bootWithSnapshot(
    {
      store: memoryStore(null),
      firstVisit: () => Promise.reject(new Error("snapshot download failed: HTTP 404")),
      make: false,
    },
    boot,
  );
  expect(result.snapshot).toBe("none");
  expect(calls).toEqual(["cold"]);
});

test("without a server snapshot the spare makes one in snapshot mode and stores it", async () => {
  const { calls, boot } = recordingBoot();
  const store = memoryStore(null);
  const result = await bootWithSnapshot({ store, firstVisit: null, make: true }, boot);
  expect(result.snapshot).toBe("made");
  expect(calls).toEqual(["cold, snapshot mode"]);
  expect(store.current()).toBe(GOOD);
});

test("a spare whose session offers no prepared snapshot stores nothing", async () => {
  const { calls, boot } = recordingBoot(null);
  const store = memoryStore(null);
  const result = await bootWithSnapshot({ store, firstVisit: null, make: true }, boot);
  expect(result.snapshot).toBe("none");
  expect(calls).toEqual(["cold, snapshot mode"]);
  expect(store.current()).toBeNull();
});

test("a spare whose snapshot-mode boot fails becomes an ordinary worker", async () => {
  const calls: string[] = [];
  const boot = async (config: Config) => {
    calls.push(config._makeSnapshot ? "cold, snapshot mode" : "cold");
    if (config._makeSnapshot) throw new Error("snapshot mode is not supported");
    return { pyodide: {}, preparedSnapshot: null };
  };
  const store = memoryStore(null);
  const result = await bootWithSnapshot({ store, firstVisit: null, make: true }, boot);
  expect(result.snapshot).toBe("none");
  expect(calls).toEqual(["cold, snapshot mode", "cold"]);
  expect(store.current()).toBeNull();
});

test("a store that refuses the write (quota) leaves a working session", async () => {
  const { boot } = recordingBoot();
  const store = memoryStore(null);
  store.write = () => Promise.reject(new DOMException("quota", "QuotaExceededError"));
  const result = await bootWithSnapshot({ store, firstVisit: async () => SERVER, make: true }, boot);
  expect(result.snapshot).toBe("first-visit");
});

test("downloadSnapshot takes the bytes the browser inflated, inflates a body still gzipped, and refuses an HTTP error", async () => {
  const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
  // Served with Content-Encoding: gzip, the body arrives inflated, in chunks.
  const inflated = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 65_536) controller.enqueue(bytes.slice(at, at + 65_536));
      controller.close();
    },
  });
  const counted: number[] = [];
  const fromBrowser = await downloadSnapshot(Promise.resolve(new Response(inflated)), {
    expectedBytes: bytes.length,
    onBytes: (n) => counted.push(n),
  });
  expect(fromBrowser).toEqual(bytes);
  expect(fromBrowser.buffer.byteLength).toBe(bytes.length); // read into the one buffer, no copy left over
  expect(counted.reduce((a, b) => a + b, 0)).toBe(bytes.length);

  // Without the header (a proxy dropped it) the gzip bytes come as they are: inflated here.
  const total: number[] = [];
  const gunzipped = await downloadSnapshot(Promise.resolve(new Response(gzipSync(bytes))), {
    expectedBytes: bytes.length,
    onBytes: (n) => total.push(n),
  });
  expect(gunzipped).toEqual(bytes);
  expect(total.reduce((a, b) => a + b, 0)).toBe(bytes.length); // progress counts inflated bytes either way

  // A wrong expected size (another build's) costs a copy, never bytes.
  expect(await downloadSnapshot(Promise.resolve(new Response(bytes)), { expectedBytes: 1000 })).toEqual(bytes);
  expect(await downloadSnapshot(Promise.resolve(new Response(bytes)), { expectedBytes: 10_000_000 })).toEqual(bytes);

  await expect(downloadSnapshot(Promise.resolve(new Response("", { status: 404 })))).rejects.toThrow("HTTP 404");
});

/**
 * The worker started by the exercise page's inline script (early-start.ts)
 * and its adoption by PythonRunner: the script sends the same init the runner
 * would, keeps what the worker says until adoption, and the runner then sees
 * every message once, in order — including a "ready" that arrived before
 * the page's JavaScript ran. A fake Worker stands in for the browser's (the
 * real one is exercised in tests/e2e/snapshot-cache.e2e.test.ts).
 */
import { PythonRunner, type RunnerEvent } from "@/lib/runner/browser-client";
import { EARLY_RUNNER_KEY, earlyRunnerScript, takeEarlyRunner } from "@/lib/runner/early-start";
import { PROTOCOL_VERSION } from "@/lib/runner/protocol";

class FakeWorker extends EventTarget {
  static created: FakeWorker[] = [];
  posted: unknown[] = [];
  terminated = false;
  constructor(
    readonly url: string,
    readonly options: WorkerOptions,
  ) {
    super();
    FakeWorker.created.push(this);
  }
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  say(data: unknown) {
    this.dispatchEvent(Object.assign(new Event("message"), { data }));
  }
}

const fakeWindow = globalThis as unknown as Record<string, unknown>;
const MB64 = 64 * 1024 * 1024;

beforeEach(() => {
  FakeWorker.created = [];
  fakeWindow.window = globalThis;
  fakeWindow.Worker = FakeWorker;
  delete fakeWindow[EARLY_RUNNER_KEY];
});
afterEach(() => {
  delete fakeWindow.window;
  delete fakeWindow.Worker;
  delete fakeWindow[EARLY_RUNNER_KEY];
});

/** Runs the inline script the way the browser does: as a classic script in the page's global scope. */
function runInlineScript(memoryLimitBytes: number) {
  new Function(earlyRunnerScript({ memoryLimitBytes }))();
}

test("the inline script starts the module worker and sends the runner's init at once, once", () => {
  runInlineScript(MB64);
  runInlineScript(MB64); // a second copy of the script does not start a second worker
  expect(FakeWorker.created).toHaveLength(1);
  const [worker] = FakeWorker.created;
  expect(worker.url).toBe("/runner/worker.mjs");
  expect(worker.options).toEqual({ type: "module" });
  expect(worker.posted).toEqual([
    { type: "init", protocol: PROTOCOL_VERSION, indexURL: "/pyodide/314.0.7/", memoryLimitBytes: MB64 },
  ]);
});

test("nothing in the page data can close the script element", () => {
  expect(earlyRunnerScript({ memoryLimitBytes: MB64 })).not.toMatch(/<\/?script/i);
});

test("the runner adopts the early worker and sees what it said before, in order, then what it says next", async () => {
  runInlineScript(MB64);
  const [worker] = FakeWorker.created;
  // The worker reports progress and even becomes ready before the page's JavaScript has run.
  worker.say({ type: "progress", stage: "download" });
  worker.say({ type: "progress", stage: "stdlib" });
  worker.say({ type: "ready", pyodideVersion: "314.0.7", interruptible: false, loadMs: 10, snapshot: "first-visit" });

  const runner = new PythonRunner({ memoryLimitBytes: MB64, warmSpare: false, earlyWorker: takeEarlyRunner(MB64) });
  const events: RunnerEvent[] = [];
  runner.subscribe((event) => events.push(event));
  await expect(runner.ready).resolves.toMatchObject({ type: "ready", snapshot: "first-visit" });
  expect(FakeWorker.created).toHaveLength(1); // no second worker
  expect(worker.posted).toHaveLength(1); // no second init
  expect(events.map((e) => (e.type === "progress" ? e.stage : e.type))).toEqual(["download", "stdlib", "ready"]);

  // Later traffic goes straight to the runner: a request gets its reply.
  const pong = runner.ping();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const request = worker.posted[1] as { id: number; nonce: string };
  worker.say({ type: "pong", id: request.id, nonce: request.nonce, heapBytes: 1, needsRecycle: false });
  await expect(pong).resolves.toMatchObject({ heapBytes: 1 });
  expect(events).toHaveLength(3); // nothing replayed twice
  runner.dispose();
  expect(worker.terminated).toBe(true);
});

test("an early worker is taken once; one started for another memory limit is terminated, not adopted", () => {
  runInlineScript(MB64);
  const [worker] = FakeWorker.created;
  expect(takeEarlyRunner(2 * MB64)).toBeNull();
  expect(worker.terminated).toBe(true);
  expect(takeEarlyRunner(MB64)).toBeNull();
});

test("a worker that failed to load before adoption counts as a failed load", async () => {
  runInlineScript(MB64);
  const [early] = FakeWorker.created;
  early.dispatchEvent(Object.assign(new Event("error"), { message: "404" }));
  const runner = new PythonRunner({ memoryLimitBytes: MB64, warmSpare: false, earlyWorker: takeEarlyRunner(MB64) });
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(early.terminated).toBe(true);
  // Replaced by a worker of the runner's own, which sends its own init.
  expect(FakeWorker.created).toHaveLength(2);
  expect((FakeWorker.created[1].posted[0] as { type: string }).type).toBe("init");
  runner.dispose();
});

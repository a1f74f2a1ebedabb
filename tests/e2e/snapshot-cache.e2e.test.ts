/**
 * Interpreter snapshots (lib/runner/snapshot-cache.ts): a first visit
 * restores the server's build-time snapshot; after the learner's first
 * feedback the warm spare copies it into Cache Storage; a later page load
 * restores from that copy. Every path gives the same check result as a cold
 * boot, which a first visit still falls back to when the server's snapshot is
 * missing. The worker's own "ready" message says how its interpreter came to
 * be; an init script records it (the app itself does not show it), with the
 * stack that created the worker.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { PYODIDE_INDEX_PATH } from "@/lib/runner/assets";
import { createUser, launchBrowser, signIn, state } from "./support/browser";

const EXERCISE_DIR = path.resolve(__dirname, "..", "..", "exercises", "04-cycles-and-gc", "weak-parent");
const exerciseId = (parse(fs.readFileSync(path.join(EXERCISE_DIR, "exercise.yaml"), "utf8")) as { id: string }).id;
const EMAIL = "snapshot-cache@example.com";
const PASSWORD = "restore me quickly";
const SLOW = { timeout: 120_000 };

/** Records every worker's ready message's `snapshot`, in creation order, and the stack that created it. */
const RECORD_READY = `(() => {
  const readies = [];
  const stacks = [];
  Object.defineProperty(window, "__readies", { value: readies });
  Object.defineProperty(window, "__workerStacks", { value: stacks });
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      const index = readies.length;
      readies.push(null);
      stacks.push(String(new Error().stack));
      this.addEventListener("message", (event) => {
        if (event.data && event.data.type === "ready") readies[index] = event.data.snapshot ?? "none";
      });
    }
  };
})();`;

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext();
  await context.addInitScript(RECORD_READY);
  await createUser("LEARNER", EMAIL, PASSWORD);
  const page = await context.newPage();
  await signIn(page, EMAIL, PASSWORD);
  await page.close();
});
afterAll(async () => {
  await browser?.close();
});

async function checkOnce(page: Page): Promise<string | null> {
  await page.goto(`${state().url}/exercises/${exerciseId}`);
  await page.locator('[data-testid="runner-status"][data-state="ready"]').waitFor(SLOW);
  await page.getByRole("button", { name: "Check", exact: true }).click();
  const check = page.getByRole("region", { name: "Results" }).locator('[data-testid="check-result"]');
  await check.waitFor(SLOW);
  return check.getAttribute("data-status");
}

test("the first visit restores the server's snapshot, its spare stores a copy, the next visit restores the copy; same results", async () => {
  const first = await context.newPage();
  const firstStatus = await checkOnce(first);
  // The spare starts after the first feedback and stores the snapshot in Cache Storage ("made").
  await first.waitForFunction("window.__readies.includes('made')", null, SLOW);
  const firstReadies = (await first.evaluate("window.__readies")) as (string | null)[];
  expect(firstReadies[0]).toBe("first-visit");
  // The first worker was started by the page's inline script while the HTML was parsed, not by the app's bundles.
  const [firstStack] = (await first.evaluate("window.__workerStacks")) as string[];
  expect(firstStack).toContain(`/exercises/${exerciseId}`);
  expect(firstStack).not.toContain("/_next/");
  const keys = (await first.evaluate(
    "caches.open('leakless-python-snapshot').then((c) => c.keys()).then((k) => k.map((r) => new URL(r.url).pathname))",
  )) as string[];
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatch(/^\/pyodide\/[^/]+\/snapshot\/[0-9a-f]{16}\.bin$/);
  await first.close();

  const second = await context.newPage();
  const restoredStatus = await checkOnce(second);
  expect(((await second.evaluate("window.__readies")) as string[])[0]).toBe("restored");
  expect(restoredStatus).toBe(firstStatus);
  expect(restoredStatus).toBe("failed"); // the starter still has the cycle
  await second.close();
});

test("a stored snapshot that cannot be restored is deleted and the worker restores the server's instead", async () => {
  const page = await context.newPage();
  await page.goto(`${state().url}/exercises/${exerciseId}`);
  await page.evaluate(`(async () => {
    const cache = await caches.open('leakless-python-snapshot');
    for (const request of await cache.keys()) await cache.put(request, new Response(new Uint8Array([1, 2, 3])));
  })()`);
  await page.close();

  const next = await context.newPage();
  expect(await checkOnce(next)).toBe("failed");
  expect(((await next.evaluate("window.__readies")) as string[])[0]).toBe("first-visit");
  await next.close();
});

test("without the server's snapshot a first visit boots Python cold, with the same result", async () => {
  const fresh = await browser.newContext();
  try {
    await fresh.addInitScript(RECORD_READY);
    await fresh.route("**/leakless-*.snapshot.gz", (route) => route.fulfill({ status: 404, body: "" }));
    const page = await fresh.newPage();
    await signIn(page, EMAIL, PASSWORD);
    expect(await checkOnce(page)).toBe("failed");
    expect(((await page.evaluate("window.__readies")) as string[])[0]).toBe("none");
  } finally {
    await fresh.close();
  }
});

test("the server sends the wasm, its glue and the snapshot as the build stored them, gzipped, for the browser to inflate", async () => {
  const dir = path.join(__dirname, "..", "..", "public", PYODIDE_INDEX_PATH);
  const snapshot = fs.readdirSync(dir).find((name) => name.endsWith(".snapshot.gz"))!;
  for (const [file, type] of [
    ["pyodide.asm.wasm", "application/wasm"],
    ["pyodide.asm.mjs", "text/javascript"],
    [snapshot, "application/octet-stream"],
  ]) {
    const response = await fetch(`${state().url}${PYODIDE_INDEX_PATH}${file}`, {
      headers: { "Accept-Encoding": "gzip" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect(response.headers.get("content-type")).toContain(type);
    expect(response.headers.get("cache-control")).toContain("immutable");
    // fetch inflates it, as a browser does: the file itself, or for the snapshot what Pyodide restores.
    const body = Buffer.from(await response.arrayBuffer());
    if (file === snapshot) expect(body.subarray(0, 4).toString("latin1")).toBe("\0snp");
    else expect(body.equals(fs.readFileSync(path.join(dir, file)))).toBe(true);
  }
});

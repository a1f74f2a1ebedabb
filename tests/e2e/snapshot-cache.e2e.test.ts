/**
 * The browser-side interpreter snapshot (lib/runner/snapshot-cache.ts): on a
 * first visit the warm spare stores a snapshot in Cache Storage after the
 * learner's first feedback; a later page load restores from it and gives the
 * same check result as a cold boot. The worker's own "ready" message says
 * how its interpreter came to be; an init script records it (the app itself
 * does not show it).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { createUser, launchBrowser, signIn, state } from "./support/browser";

const EXERCISE_DIR = path.resolve(__dirname, "..", "..", "exercises", "04-cycles-and-gc", "weak-parent");
const exerciseId = (parse(fs.readFileSync(path.join(EXERCISE_DIR, "exercise.yaml"), "utf8")) as { id: string }).id;
const EMAIL = "snapshot-cache@example.com";
const PASSWORD = "restore me quickly";
const SLOW = { timeout: 120_000 };

/** Records every worker's ready message as `[role, snapshot]`, in creation order. */
const RECORD_READY = `(() => {
  const readies = [];
  Object.defineProperty(window, "__readies", { value: readies });
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      const index = readies.length;
      readies.push(null);
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

test("the first visit boots cold and its spare stores a snapshot; the next visit restores it with the same result", async () => {
  const first = await context.newPage();
  const coldStatus = await checkOnce(first);
  // The spare starts after the first feedback, boots in snapshot mode and reports "made".
  await first.waitForFunction("window.__readies.includes('made')", null, SLOW);
  const firstReadies = (await first.evaluate("window.__readies")) as (string | null)[];
  expect(firstReadies[0]).toBe("none");
  const keys = (await first.evaluate(
    "caches.open('leakless-python-snapshot').then((c) => c.keys()).then((k) => k.map((r) => new URL(r.url).pathname))",
  )) as string[];
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatch(/^\/pyodide\/[^/]+\/snapshot\/[0-9a-f]{16}\.bin$/);
  await first.close();

  const second = await context.newPage();
  const restoredStatus = await checkOnce(second);
  expect(((await second.evaluate("window.__readies")) as string[])[0]).toBe("restored");
  expect(restoredStatus).toBe(coldStatus);
  expect(restoredStatus).toBe("failed"); // the starter still has the cycle
  await second.close();
});

test("a snapshot that cannot be restored is deleted and the worker boots cold", async () => {
  const page = await context.newPage();
  await page.goto(`${state().url}/exercises/${exerciseId}`);
  await page.evaluate(`(async () => {
    const cache = await caches.open('leakless-python-snapshot');
    for (const request of await cache.keys()) await cache.put(request, new Response(new Uint8Array([1, 2, 3])));
  })()`);
  await page.close();

  const next = await context.newPage();
  expect(await checkOnce(next)).toBe("failed");
  expect(((await next.evaluate("window.__readies")) as string[])[0]).toBe("none");
  await next.close();
});

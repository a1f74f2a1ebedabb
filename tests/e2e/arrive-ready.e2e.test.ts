/**
 * Arriving ready (issue #17; lib/runner/shared-runner.ts): the course map and
 * lessons start the tab's Python runner while the learner reads, and an
 * exercise opened from them by a link takes it over loaded: its runner status
 * is "ready" in the very render that first shows the page, and the page
 * stays cross-origin isolated (Stop interrupts).
 * From a page that is not isolated, the link makes a full load instead.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { createUser, launchBrowser, signIn, state } from "./support/browser";

const EXERCISE_DIR = path.resolve(__dirname, "..", "..", "exercises", "04-cycles-and-gc", "weak-parent");
const meta = parse(fs.readFileSync(path.join(EXERCISE_DIR, "exercise.yaml"), "utf8")) as {
  id: string;
  section: string;
};
const EXERCISE_PATH = `/exercises/${meta.id}`;
const EMAIL = "arrive-ready@example.com";
const PASSWORD = "ready when I get there";
const SLOW = { timeout: 120_000 };

/** Counts the workers a document creates and notes when the first one is ready. */
const COUNT_WORKERS = `(() => {
  const marks = { workers: 0, ready: false };
  Object.defineProperty(window, "__workers", { value: marks });
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      marks.workers += 1;
      this.addEventListener("message", (event) => {
        if (event.data && event.data.type === "ready") marks.ready = true;
      });
    }
  };
})();`;

/** Records the runner status shown in the first render that contains the exercise's heading. */
const WATCH_FIRST_RENDER = `(() => {
  const seen = (window.__firstRender = {});
  const observer = new MutationObserver(() => {
    if (!document.querySelector(".exercise-page h1")) return;
    const status = document.querySelector('[data-testid="runner-status"]');
    seen.state = status ? status.getAttribute("data-state") : "none";
    observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
})()`;

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext();
  await context.addInitScript(COUNT_WORKERS);
  await createUser("LEARNER", EMAIL, PASSWORD);
  const page = await context.newPage();
  await signIn(page, EMAIL, PASSWORD);
  await page.close();
});
afterAll(async () => {
  await browser?.close();
});

async function arriveFrom(page: Page, fromPath: string): Promise<void> {
  await page.goto(`${state().url}${fromPath}`);
  expect(await page.evaluate("crossOriginIsolated")).toBe(true);
  await page.waitForFunction("window.__workers.ready", null, SLOW);
  await page.evaluate(WATCH_FIRST_RENDER);
  await page.click(`a[href="${EXERCISE_PATH}"]`);
  await page.waitForURL(`**${EXERCISE_PATH}`);
  await page.waitForFunction("window.__firstRender.state !== undefined", null, SLOW);
  // The same document (client-side navigation), still isolated, and the runner was ready as the page
  // appeared: a worker started for the page could not be (its load takes seconds).
  expect(await page.evaluate("window.__workers !== undefined && crossOriginIsolated")).toBe(true);
  expect(await page.evaluate("window.__firstRender.state")).toBe("ready");
  await page.getByRole("button", { name: "Check", exact: true }).click();
  await page.getByTestId("check-result").waitFor(SLOW);
}

test("from the course map, the exercise page arrives with Python ready", async () => {
  const page = await context.newPage();
  try {
    await arriveFrom(page, "/learn");
  } finally {
    await page.close();
  }
}, 180_000);

test("from a lesson, the same", async () => {
  const page = await context.newPage();
  try {
    await arriveFrom(page, `/learn/${meta.section}`);
  } finally {
    await page.close();
  }
}, 180_000);

test("from a page that is not cross-origin isolated, the exercise link makes a full, isolated load", async () => {
  const page = await context.newPage();
  try {
    await page.goto(`${state().url}/`);
    expect(await page.evaluate("crossOriginIsolated")).toBe(false);
    // Client-side to the course map: still the home page's document, so not isolated, and no runner starts there.
    await page.getByRole("banner").getByRole("link", { name: "Learn", exact: true }).click();
    await page.waitForURL("**/learn");
    await page.evaluate("window.__sameDocument = true");
    await page.waitForTimeout(500);
    expect(await page.evaluate("window.__workers.workers")).toBe(0);
    await page.click(`a[href="${EXERCISE_PATH}"]`);
    await page.waitForURL(`**${EXERCISE_PATH}`);
    await page.getByTestId("runner-status").waitFor();
    expect(await page.evaluate("window.__sameDocument === undefined && crossOriginIsolated")).toBe(true);
  } finally {
    await page.close();
  }
}, 180_000);

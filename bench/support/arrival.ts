/**
 * Arriving at an exercise by a link from the course map or a lesson (issue
 * #17, "arrive ready"): the learner reads the page while the tab's Python
 * runner loads (lib/runner/shared-runner.ts), then clicks the exercise. Timed
 * in the page's clock: from the exercise page shown (its heading rendered) to
 * its Check button enabled.
 */
import type { BrowserContext } from "playwright-core";

const READY_SCRIPT = `(() => {
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (event.data && event.data.type === "ready" && window.__runnerReadyMs === undefined) {
          window.__runnerReadyMs = performance.now();
        }
      });
    }
  };
})();`;

const OBSERVE_ARRIVAL = `(() => {
  const marks = (window.__arrival = {});
  const observer = new MutationObserver(() => {
    if (marks.shown === undefined && document.querySelector(".exercise-page h1")) marks.shown = performance.now();
    if (marks.shown !== undefined && marks.enabled === undefined) {
      const check = Array.from(document.querySelectorAll("button")).find((b) => b.textContent.trim() === "Check" && !b.disabled);
      if (check) { marks.enabled = performance.now(); observer.disconnect(); }
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
})()`;

const contextsWithScript = new WeakSet<BrowserContext>();

export interface Arrival {
  /** Navigation start of the page read first → its runner reported ready (how long the learner must read). */
  readingMs: number;
  /** The exercise page shown → its Check button enabled. */
  shownToEnabledMs: number;
}

/** Open `fromUrl`, wait until the runner it started is ready, then follow its link to `exercisePath`. */
export async function arriveByLink(context: BrowserContext, fromUrl: string, exercisePath: string): Promise<Arrival> {
  if (!contextsWithScript.has(context)) {
    await context.addInitScript(READY_SCRIPT);
    contextsWithScript.add(context);
  }
  const page = await context.newPage();
  try {
    await page.goto(fromUrl, { waitUntil: "load" });
    await page.waitForFunction("window.__runnerReadyMs !== undefined", null, { timeout: 180_000, polling: 100 });
    const readingMs = (await page.evaluate("window.__runnerReadyMs")) as number;
    await page.evaluate(OBSERVE_ARRIVAL);
    await page.click(`a[href="${exercisePath}"]`);
    await page.waitForFunction("window.__arrival.enabled !== undefined", null, { timeout: 60_000, polling: 50 });
    const marks = (await page.evaluate("window.__arrival")) as { shown: number; enabled: number };
    return { readingMs, shownToEnabledMs: marks.enabled - marks.shown };
  } finally {
    await page.close();
  }
}

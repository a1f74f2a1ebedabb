/**
 * One visit to an exercise page, timed inside the page: a script injected
 * before the app's own clicks Check the moment the button is enabled (a
 * learner with instant reflexes) and notes, in the page's clock (0 =
 * navigation start), when the runner reported ready and when the first check
 * result appeared. Resource Timing entries of the page and of its workers
 * give the bytes: transferred over the network vs served from a cache.
 */
import type { BrowserContext, Page } from "playwright-core";

export interface VisitTimeline {
  /** navigation start → DOMContentLoaded */
  domContentLoadedMs: number;
  /** navigation start → the page created the Python worker */
  workerCreatedMs: number;
  /** navigation start → each load stage the worker reported (download, instantiate, stdlib, package, ready) */
  stagesMs: Record<string, number>;
  /**
   * How the first worker's interpreter came to be (lib/runner/snapshot-cache.ts): "restored" from the
   * browser's cached snapshot, "first-visit" from the server's, "made", or "none" (a cold boot).
   */
  snapshot: string;
  /** navigation start → runner status "ready" (Pyodide and the leakless package loaded) */
  readyMs: number;
  /** navigation start → the Check click */
  clickedMs: number;
  /** navigation start → first check result on screen: time to first feedback */
  firstFeedbackMs: number;
}

export interface ResourceBytes {
  url: string;
  /** Which timeline it came from: "page" or "worker". */
  scope: "page" | "worker";
  /** Bytes over the network incl. headers; 0 when served from the HTTP cache (or a service worker's cache). */
  transferSize: number;
  /** Body bytes as encoded on the wire (compressed when compressed). */
  encodedBodySize: number;
  decodedBodySize: number;
  /** True when a service worker answered. */
  viaServiceWorker: boolean;
}

const TIMING_SCRIPT = `(() => {
  if (!location.pathname.startsWith("/exercises/")) return;
  const marks = {};
  Object.defineProperty(window, "__benchMarks", { value: marks });
  // The first worker's load stages, as it reports them to the page (worker → page messages).
  marks.stages = {};
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      const first = marks.workerCreated === undefined;
      this.addEventListener("message", (event) => {
        const data = event.data || {};
        // Any worker (the spare too) that stored a memory snapshot for later visits.
        if (data.type === "ready" && data.snapshot === "made") marks.snapshotMade = performance.now();
        if (!first) return;
        if (data.type === "ready") marks.snapshot = data.snapshot || "none";
        const stage = data.type === "progress" ? data.stage : data.type === "ready" ? "ready" : null;
        if (stage && marks.stages[stage] === undefined) marks.stages[stage] = performance.now();
      });
      if (first) marks.workerCreated = performance.now();
    }
  };
  const observer = new MutationObserver(() => {
    const status = document.querySelector('[data-testid="runner-status"]');
    if (!marks.ready && status && status.getAttribute("data-state") === "ready") marks.ready = performance.now();
    if (!marks.clicked) {
      const button = Array.from(document.querySelectorAll("button")).find((b) => b.textContent.trim() === "Check" && !b.disabled);
      if (button) { marks.clicked = performance.now(); button.click(); }
    }
    if (marks.clicked && !marks.result && document.querySelector('[data-testid="check-result"]')) {
      marks.result = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
})();`;

const contextsWithScript = new WeakSet<BrowserContext>();

const READ_ENTRIES = `performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).map((e) => ({
  url: e.name, transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize,
  viaServiceWorker: e.workerStart > 0,
}))`;

async function resourceEntries(page: Page): Promise<ResourceBytes[]> {
  const fromPage = (await page.evaluate(READ_ENTRIES)) as Omit<ResourceBytes, "scope">[];
  const fromWorkers = await Promise.all(
    page.workers().map(async (worker) => {
      try {
        return (await worker.evaluate(READ_ENTRIES)) as Omit<ResourceBytes, "scope">[];
      } catch {
        return []; // a worker that was terminated meanwhile
      }
    }),
  );
  return [
    ...fromPage.map((e) => ({ ...e, scope: "page" as const })),
    ...fromWorkers.flat().map((e) => ({ ...e, scope: "worker" as const })),
  ];
}

/** Open `url` in a new tab of `context`, wait for the first check result, return timings and bytes. */
export async function visitExercise(
  context: BrowserContext,
  url: string,
  options: { settleMs?: number; waitForSnapshot?: boolean } = {},
): Promise<{ timeline: VisitTimeline; resources: ResourceBytes[] }> {
  if (!contextsWithScript.has(context)) {
    await context.addInitScript(TIMING_SCRIPT);
    contextsWithScript.add(context);
  }
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction("Boolean(window.__benchMarks && window.__benchMarks.result)", null, {
      timeout: 180_000,
      polling: 100,
    });
    // Let the warm spare worker start and fetch its files too: they are part of what a visit costs.
    if (options.settleMs) await page.waitForTimeout(options.settleMs);
    // A learner who stays a few seconds: the warm spare boots and stores the snapshot later visits restore.
    if (options.waitForSnapshot) {
      await page
        .waitForFunction("window.__benchMarks.snapshotMade !== undefined", null, { timeout: 120_000, polling: 250 })
        .catch(() => {});
    }
    const marks = (await page.evaluate("window.__benchMarks")) as Record<string, number> & {
      stages: Record<string, number>;
      snapshot?: string;
    };
    const domContentLoadedMs = (await page.evaluate(
      `performance.getEntriesByType("navigation")[0]?.domContentLoadedEventEnd ?? NaN`,
    )) as number;
    return {
      timeline: {
        domContentLoadedMs,
        workerCreatedMs: marks.workerCreated,
        stagesMs: marks.stages,
        snapshot: String(marks.snapshot),
        readyMs: marks.ready,
        clickedMs: marks.clicked,
        firstFeedbackMs: marks.result,
      },
      resources: await resourceEntries(page),
    };
  } finally {
    await page.close();
  }
}

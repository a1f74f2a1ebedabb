/**
 * The floor of issue #17: a bare page on the same server that restores the
 * project's first-visit snapshot in a module worker, with the same
 * `/pyodide/` files and none of the app, and runs one line of Python. The
 * exercise page cannot give feedback sooner than this, so the bench reports
 * its times as ratios to this page measured in the same run.
 *
 * The page is not part of the app: the bench answers its URL on the app's
 * origin (same HTTP cache, same server for every file it fetches), with the
 * exercise page's cross-origin isolation headers.
 */
import fs from "node:fs";
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { PYODIDE_INDEX_PATH } from "@/lib/runner/assets";

const PYODIDE_BUILD_DIR = path.join(__dirname, "..", "..", "public", PYODIDE_INDEX_PATH);

/** The first-visit snapshot this build serves (scripts/build-runner.mjs names it by its key). */
function firstVisitSnapshotPath(): string {
  const name = fs.readdirSync(PYODIDE_BUILD_DIR).find((f) => /^leakless-.*\.snapshot\.gz$/.test(f));
  if (!name) throw new Error(`no first-visit snapshot in ${PYODIDE_BUILD_DIR}: run the build first`);
  return `${PYODIDE_INDEX_PATH}${name}`;
}

function floorHtml(origin: string): string {
  // Absolute URLs: the worker runs from a blob: URL, against which a path resolves to nothing.
  const worker = `
    import { loadPyodide } from ${JSON.stringify(`${origin}${PYODIDE_INDEX_PATH}pyodide.mjs`)};
    // Served with Content-Encoding: gzip (next.config.ts): the browser inflates it as it streams in.
    const snapshot = fetch(${JSON.stringify(`${origin}${firstVisitSnapshotPath()}`)})
      .then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b));
    // Pyodide restores into the heap as instantiated; this snapshot (two interpreters) needs it grown
    // first, as session.ts's withRoomForSnapshot does: the least a page restoring it must do.
    const instantiateStreaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async (...args) => {
      const result = await instantiateStreaming.apply(WebAssembly, args);
      const memory = result.instance.exports.memory;
      const missing = (await snapshot).byteLength - memory.buffer.byteLength;
      if (missing > 0) memory.grow(Math.ceil(missing / 65536));
      return result;
    };
    const pyodide = await loadPyodide({ indexURL: ${JSON.stringify(`${origin}${PYODIDE_INDEX_PATH}`)}, _loadSnapshot: snapshot });
    pyodide.runPython("1 + 1");
    postMessage(performance.timeOrigin + performance.now());
  `;
  return `<!doctype html><meta charset="utf-8"><title>floor</title><script>
    const blob = new Blob([${JSON.stringify(worker)}], { type: "text/javascript" });
    const w = new Worker(URL.createObjectURL(blob), { type: "module" });
    w.onmessage = (e) => { window.__floorDoneMs = e.data - performance.timeOrigin; };
    w.onerror = (e) => { window.__floorError = String(e.message || "worker error"); };
  </script>`;
}

/** Open the floor page in a new tab of `context`; ms from navigation start to the first result. */
export async function visitFloor(context: BrowserContext, origin: string): Promise<number> {
  const url = `${origin}/__bench/floor`;
  const page = await context.newPage();
  try {
    // Only the page's own document is answered here, through the DevTools protocol: Playwright's
    // `route()` would turn off the HTTP cache for every request of the profile, and the floor's
    // repeat visits would then download and compile everything again (a floor too high).
    const cdp = await context.newCDPSession(page);
    const body = Buffer.from(floorHtml(origin)).toString("base64");
    cdp.on("Fetch.requestPaused", (event: { requestId: string }) => {
      void cdp
        .send("Fetch.fulfillRequest", {
          requestId: event.requestId,
          responseCode: 200,
          responseHeaders: [
            { name: "Content-Type", value: "text/html" },
            { name: "Cross-Origin-Opener-Policy", value: "same-origin" },
            { name: "Cross-Origin-Embedder-Policy", value: "require-corp" },
          ],
          body,
        })
        .catch(() => {}); // the page closed meanwhile
    });
    await cdp.send("Fetch.enable", { patterns: [{ urlPattern: url, requestStage: "Request" }] });
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction("window.__floorDoneMs !== undefined || window.__floorError !== undefined", null, {
      timeout: 180_000,
      polling: 50,
    });
    const error = (await page.evaluate("window.__floorError")) as string | undefined;
    if (error) throw new Error(`the floor page failed: ${error}`);
    return (await page.evaluate("window.__floorDoneMs")) as number;
  } finally {
    await page.close();
  }
}

/**
 * The Content-Security-Policy the Python worker script is served with.
 *
 * Chromium (and the CSP3 spec) give a dedicated worker the policy of its own
 * script's response, not the page's, so this policy binds learner code in the
 * worker whatever page started it. Checked empirically in Debian's Chromium
 * (see lib/runner/README.md, "Learner code cannot act as the viewer").
 *
 * - connect-src: only the versioned Pyodide files. No fetch/XHR/WebSocket/
 *   EventSource to the app, so learner code cannot send the viewer's cookies
 *   to any route, server action or page.
 * - script-src: only the Pyodide modules the worker imports, and compiling
 *   WebAssembly ('wasm-unsafe-eval'). No 'unsafe-eval': `js.eval`,
 *   `js.Function` and a string `import()` of another URL are refused.
 * - worker-src 'none', default-src 'none': nothing else.
 *
 * Host-sources need the origin (a path cannot follow 'self'), so the policy
 * is built per request from the origin the browser asked (proxy.ts).
 */
import { PYODIDE_INDEX_PATH } from "./assets";

/** `origin` as the browser sees it, e.g. "https://leakless.example" (no trailing slash). */
export function workerContentSecurityPolicy(origin: string): string {
  // Parsing refuses anything that is not a plain http(s) origin: a malformed
  // Host header gets a policy that allows nothing, never a widened one.
  let base: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
    base = url.origin;
  } catch {
    return "default-src 'none'";
  }
  const pyodide = `${base}${PYODIDE_INDEX_PATH}`;
  return [
    "default-src 'none'",
    `script-src ${pyodide} 'wasm-unsafe-eval'`,
    `connect-src ${pyodide}`,
    "worker-src 'none'",
  ].join("; ");
}

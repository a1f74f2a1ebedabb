/**
 * Node only, at build time: the memory snapshot a browser worker restores on
 * its very first visit (browser-worker.ts), so that a cold visit skips
 * starting Python (~5 s of single-threaded CPU on a two-core machine, most of
 * a cold load; docs/performance.md).
 *
 * It is made in Node, not in a browser, so `npm run build` / `npm start` need
 * no Chromium. That works because a Pyodide snapshot is the WebAssembly heap
 * plus a list of the JavaScript objects Python holds, and right after the
 * `leakless` import that list is empty (no host object is referenced): the
 * same heap restores in Chromium (checked with Pyodide 314.0.7 and Debian's
 * Chromium; Pyodide also refuses a snapshot of another build by its build id).
 *
 * What the heap holds: exactly what a browser worker holds before it installs
 * its host functions — Pyodide prepared by the worker's own session code
 * (`prepareInterpreter`: the judge's `leakless` package, the learner
 * interpreter), no learner code run. The one Node-specific trace Emscripten leaves
 * in it is the environment variable `_` (the program name, taken from
 * `process.argv[1]`); it is hidden during the boot so the heap says
 * "./this.program", as in a browser.
 */
import type { PyodideAPI, PyodideConfig } from "pyodide";
import { prepareInterpreter } from "./session";

export interface RunnerSnapshotOptions {
  /** `loadPyodide` of the npm package (the same version the browser is served). */
  loadPyodide: (config: PyodideConfig) => Promise<PyodideAPI>;
  /** The `leakless` package files the worker embeds (lib/python/load-package.ts readPackageFiles). */
  packageFiles: Record<string, string>;
}

export async function makeRunnerSnapshot({ loadPyodide, packageFiles }: RunnerSnapshotOptions): Promise<Uint8Array> {
  const argv = process.argv;
  // Emscripten reads the program name from argv[1] when the module starts (see the header).
  process.argv = argv.slice(0, 1);
  let pyodide: PyodideAPI;
  try {
    pyodide = await loadPyodide({ _makeSnapshot: true } as PyodideConfig);
  } finally {
    process.argv = argv;
  }
  prepareInterpreter(pyodide, packageFiles);
  return (pyodide as unknown as { makeMemorySnapshot(): Uint8Array }).makeMemorySnapshot();
}

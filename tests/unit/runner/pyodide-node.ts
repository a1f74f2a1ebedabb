/**
 * Loading real Pyodide inside jest. Pyodide's Node entry point pulls in
 * `pyodide.asm.mjs` with a dynamic `import()`, which jest's VM sandbox only
 * allows with `--experimental-vm-modules`; without it every load fails with
 * "A dynamic import callback was invoked without --experimental-vm-modules".
 */
import type { PyodideAPI, PyodideConfig } from "pyodide";

export const loadPyodide: (config?: PyodideConfig) => Promise<PyodideAPI> = async (config) => {
  if (
    !process.execArgv.includes("--experimental-vm-modules") &&
    !(process.env.NODE_OPTIONS ?? "").includes("--experimental-vm-modules")
  ) {
    throw new Error(
      "Run jest with NODE_OPTIONS=--experimental-vm-modules: Pyodide loads its wasm glue with a dynamic import()",
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pyodide = require("pyodide") as typeof import("pyodide");
  return pyodide.loadPyodide(config);
};

export const MB = 1024 * 1024;

/**
 * Where the browser finds the runner's static files. The build script
 * (`scripts/build-runner.mjs`) writes exactly these paths under `public/`, and
 * a test holds PYODIDE_VERSION equal to the installed npm package.
 */

/** Version of the `pyodide` npm package the files are copied from. */
export const PYODIDE_VERSION = "314.0.7";

/** Versioned public path of the Pyodide files: a new version is a new URL, so they can be cached forever. */
export const PYODIDE_INDEX_PATH = `/pyodide/${PYODIDE_VERSION}/`;

/**
 * The files the runner needs from the package (standard library only: no
 * package wheels are copied, so `loadPackage`/micropip cannot fetch anything).
 */
export const PYODIDE_FILES = [
  "pyodide.mjs",
  "pyodide.asm.mjs",
  "pyodide.asm.wasm",
  "python_stdlib.zip",
  "pyodide-lock.json",
] as const;

/**
 * The files the build also stores gzipped (`<file>.gz`), which the app's
 * server sends for them with `Content-Encoding: gzip` (next.config.ts):
 * compressing the 9.6 MB wasm on every request took ~0.4 s of the server's
 * CPU per first visit. The stdlib is a zip already; the rest is small.
 */
export const PYODIDE_PRECOMPRESSED = ["pyodide.asm.wasm", "pyodide.asm.mjs"] as const;

/**
 * The files whose download the worker reports byte by byte. Not the wasm:
 * counting it would cost Chromium's compiled-code cache (download-progress.ts).
 */
export const PYODIDE_DOWNLOADS = ["python_stdlib.zip"] as const;

/**
 * The compiled module worker. It must be created with this plain string URL
 * and `{ type: "module" }`: Pyodide 314 refuses classic workers, and bundlers
 * turned `new URL(..., import.meta.url)` workers into classic ones (stack-notes).
 */
export const RUNNER_WORKER_URL = "/runner/worker.mjs";

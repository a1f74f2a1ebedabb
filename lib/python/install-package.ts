/**
 * Installs the `leakless` Python package into a Pyodide interpreter.
 *
 * Browser-safe: no Node imports. Node hosts get the files from
 * `readPackageFiles()` (./load-package.ts); the browser worker embeds them at
 * build time (esbuild's text loader) and passes the same map here.
 */
import type { PyodideAPI } from "pyodide";

/** Directory in Pyodide's in-memory file system that holds the package; put on sys.path. */
export const PACKAGE_ROOT = "/leakless-lib";

/** `{"leakless/__init__.py": source, ...}` — paths relative to PACKAGE_ROOT. */
export type PackageFiles = Record<string, string>;

/**
 * Writes the package files into Pyodide's FS, puts PACKAGE_ROOT first on
 * sys.path and imports `leakless.harness` (which imports the whole check
 * library, freezes the interpreter's objects and captures the pristine
 * state; see leakless/harness.py). Call it once per
 * interpreter, before any learner code runs: the harness's isolation
 * baseline is taken at that moment.
 */
export function installPackage(pyodide: PyodideAPI, files: PackageFiles): void {
  const paths = Object.keys(files);
  if (!paths.some((p) => p === "leakless/harness.py")) {
    throw new Error("installPackage: files must include leakless/harness.py");
  }
  for (const relativePath of paths) {
    if (!/^leakless\/[A-Za-z_][A-Za-z0-9_]*\.py$/.test(relativePath)) {
      throw new Error(`installPackage: unexpected package file ${relativePath}`);
    }
    const fullPath = `${PACKAGE_ROOT}/${relativePath}`;
    pyodide.FS.mkdirTree(fullPath.slice(0, fullPath.lastIndexOf("/")));
    pyodide.FS.writeFile(fullPath, files[relativePath]); // strings are written as UTF-8
  }
  pyodide.runPython(
    [
      "import sys, importlib",
      `if ${JSON.stringify(PACKAGE_ROOT)} not in sys.path: sys.path.insert(0, ${JSON.stringify(PACKAGE_ROOT)})`,
      "importlib.invalidate_caches()",
      "import leakless.harness",
    ].join("\n"),
  );
}

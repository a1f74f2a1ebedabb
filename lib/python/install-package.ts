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

/**
 * `{"leakless/__init__.py": source, "learner/_leakless_memory_report.py": ..., ...}`
 * — paths relative to the root: the judge's package and the learner-side modules.
 */
export type PackageFiles = Record<string, string>;

/**
 * Writes the package files into Pyodide's FS, puts the root first on the
 * (judge's) sys.path and imports `leakless.harness`, which imports the whole
 * check library. The learner-side modules are imported into the learner's
 * interpreter by the session (lib/runner/session.ts). Call it once per
 * instance, when it is prepared.
 */
export function installPackage(pyodide: PyodideAPI, files: PackageFiles, root: string = PACKAGE_ROOT): void {
  writePackageFiles(pyodide, files, root);
  pyodide.runPython(
    [
      "import sys, importlib",
      `if ${JSON.stringify(root)} not in sys.path: sys.path.insert(0, ${JSON.stringify(root)})`,
      "importlib.invalidate_caches()",
      "import leakless.harness",
    ].join("\n"),
  );
}

/**
 * Writes the package files into Pyodide's file system. A memory snapshot does
 * not carry the file system, so a restored instance needs this again before
 * anything imports from the package.
 */
export function writePackageFiles(pyodide: PyodideAPI, files: PackageFiles, root: string = PACKAGE_ROOT): void {
  const paths = Object.keys(files);
  if (!paths.some((p) => p === "leakless/harness.py")) {
    throw new Error("installPackage: files must include leakless/harness.py");
  }
  for (const relativePath of paths) {
    if (!/^(?:leakless|learner)\/[A-Za-z_][A-Za-z0-9_]*\.py$/.test(relativePath)) {
      throw new Error(`installPackage: unexpected package file ${relativePath}`);
    }
    const fullPath = `${root}/${relativePath}`;
    pyodide.FS.mkdirTree(fullPath.slice(0, fullPath.lastIndexOf("/")));
    pyodide.FS.writeFile(fullPath, files[relativePath]); // strings are written as UTF-8
  }
}

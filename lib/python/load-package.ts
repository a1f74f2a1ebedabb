/**
 * Node side of loading the `leakless` package: read its files from disk.
 * (The browser cannot read files; it embeds them at build time and calls
 * `installPackage` from ./install-package.ts directly.)
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PackageFiles } from "./install-package";

export { installPackage, PACKAGE_ROOT } from "./install-package";
export type { PackageFiles } from "./install-package";

/** lib/python in the repository: `leakless/` (the judge's package) and `learner/` (modules for the learner's interpreter). */
export const PYTHON_DIR = __dirname;

/**
 * `{"leakless/<name>.py": source, "learner/<name>.py": source}`: the judge's
 * package and the learner-side modules (lib/python/README.md), read from
 * `pythonDir` (pass it where `__dirname` is not this folder, as in Next's
 * server bundle).
 */
export function readPackageFiles(pythonDir: string = PYTHON_DIR): PackageFiles {
  const files: PackageFiles = {};
  for (const folder of ["leakless", "learner"]) {
    const dir = join(pythonDir, folder);
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith(".py")) files[`${folder}/${name}`] = readFileSync(join(dir, name), "utf8");
    }
  }
  return files;
}

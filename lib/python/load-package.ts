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
export { executeHarness } from "./harness-request";
export type { HarnessRequest, HarnessOptions } from "./harness-request";

/** Directory of the Python package in the repository. */
export const PACKAGE_DIR = join(__dirname, "leakless");

/** `{"leakless/<name>.py": source}` for every module of the package. */
export function readPackageFiles(dir: string = PACKAGE_DIR): PackageFiles {
  const files: PackageFiles = {};
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith(".py")) files[`leakless/${name}`] = readFileSync(join(dir, name), "utf8");
  }
  return files;
}

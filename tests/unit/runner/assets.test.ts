import { PYODIDE_DOWNLOADS, PYODIDE_FILES, PYODIDE_INDEX_PATH, PYODIDE_VERSION } from "@/lib/runner/assets";
import { existsSync } from "node:fs";
import path from "node:path";

const packageDir = path.resolve(__dirname, "../../../node_modules/pyodide");

test("the public Pyodide path names the installed version", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(require(path.join(packageDir, "package.json")).version).toBe(PYODIDE_VERSION);
  expect(PYODIDE_INDEX_PATH).toBe(`/pyodide/${PYODIDE_VERSION}/`);
});

test("every file the worker needs ships with the npm package", () => {
  for (const file of PYODIDE_FILES) expect(existsSync(path.join(packageDir, file))).toBe(true);
  for (const file of PYODIDE_DOWNLOADS) expect(PYODIDE_FILES).toContain(file);
});

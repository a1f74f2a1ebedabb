/**
 * Test helper: a real Pyodide interpreter with the `leakless` package
 * installed the way hosts install it, and typed calls to the harness.
 */
import { loadPyodide, type PyodideAPI } from "pyodide";
import {
  CheckResultSchema,
  RunResultSchema,
  type CheckFile,
  type CheckResult,
  type RunResult,
} from "@/lib/grading/result";
import { executeHarness, installPackage, readPackageFiles, type HarnessOptions } from "@/lib/python/load-package";

export type Python = PyodideAPI;

/**
 * A fresh interpreter with the package installed. Pyodide loads its wasm glue
 * with a dynamic import(), which jest only allows when node runs with
 * NODE_OPTIONS=--experimental-vm-modules (as for every Pyodide test here).
 */
export async function startPython(): Promise<Python> {
  if (!`${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`.includes("--experimental-vm-modules")) {
    throw new Error("Run jest with NODE_OPTIONS=--experimental-vm-modules: Pyodide loads its wasm glue with import()");
  }
  const pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  installPackage(pyodide, readPackageFiles());
  return pyodide;
}

export function run(py: Python, code: string, options?: HarnessOptions): RunResult {
  return RunResultSchema.parse(JSON.parse(executeHarness(py, { op: "run", code, options })));
}

export function check(
  py: Python,
  code: string,
  checks: CheckFile[] | string,
  options?: HarnessOptions,
): CheckResult {
  const files: CheckFile[] =
    typeof checks === "string" ? [{ name: "test_visible.py", source: checks, visibility: "visible" }] : checks;
  return CheckResultSchema.parse(JSON.parse(executeHarness(py, { op: "check", code, checks: files, options })));
}

/** Status of each test by its function name (the part after the last "::"). */
export function statuses(result: CheckResult): Record<string, string> {
  return Object.fromEntries(result.tests.map((t) => [t.name.split("::").pop() as string, t.status]));
}

/**
 * Test helper: a real Pyodide instance prepared by the engine's own session
 * (lib/runner/session.ts): the judge interpreter with `leakless`, the
 * learner's subinterpreter, the boot image put back after every run.
 */
import { loadPyodide } from "pyodide";
import type { CheckFile, CheckResult, RunResult } from "@/lib/grading/result";
import { readPackageFiles } from "@/lib/python/load-package";
import { createPythonSession, type PythonSession, type RunOptionsInput } from "@/lib/runner/session";

export type Python = PythonSession;

export const MB = 1024 * 1024;

/**
 * A fresh session. Pyodide loads its wasm glue with a dynamic import(), which
 * jest only allows when node runs with NODE_OPTIONS=--experimental-vm-modules
 * (as for every Pyodide test here).
 */
export async function startPython(memoryLimitBytes = 256 * MB): Promise<Python> {
  if (!`${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`.includes("--experimental-vm-modules")) {
    throw new Error("Run jest with NODE_OPTIONS=--experimental-vm-modules: Pyodide loads its wasm glue with import()");
  }
  return createPythonSession({
    loadPyodide,
    packageFiles: readPackageFiles(),
    memoryLimitBytes,
  });
}

export function run(py: Python, code: string, options?: RunOptionsInput): Promise<RunResult> {
  return py.run(code, options);
}

export function visible(name: string, source: string): CheckFile {
  return { name, source, visibility: "visible" };
}

/**
 * Checks as a list of files (one named `fixtures.py` is loaded into the
 * learner's interpreter), or one source string (as `test_visible.py`).
 */
export function check(
  py: Python,
  code: string,
  checks: CheckFile[] | string,
  options?: RunOptionsInput,
): Promise<CheckResult> {
  return py.check(code, typeof checks === "string" ? [visible("test_visible.py", checks)] : checks, options);
}

/** Status of each test by its function name (the part after the last "::"). */
export function statuses(result: CheckResult): Record<string, string> {
  return Object.fromEntries(result.tests.map((t) => [t.name.split("::").pop() as string, t.status]));
}

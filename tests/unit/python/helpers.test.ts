/**
 * Every check helper, positive and negative, through the real harness in real
 * Pyodide: test_pos_* must pass and test_neg_* must fail — 20 times in one
 * interpreter, in a second fresh interpreter, and (when python3 exists) on
 * 64-bit CPython with identical statuses.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CheckResultSchema, type CheckResult } from "@/lib/grading/result";
import { check, startPython, type Python } from "./pyodide";

const fixtures = join(__dirname, "fixtures");
const code = readFileSync(join(fixtures, "helpers_submission.py"), "utf8");
const checks = [
  { name: "test_helpers.py", source: readFileSync(join(fixtures, "helpers_checks.py"), "utf8"), visibility: "visible" as const },
];

function expectedStatus(testName: string): string {
  return testName.split("::").pop()!.startsWith("test_pos") ? "passed" : "failed";
}

function outcomes(result: CheckResult): Array<[string, string]> {
  return result.tests.map((t) => [t.name, t.status]);
}

let first: Python;
let reference: CheckResult;

beforeAll(async () => {
  first = await startPython();
  reference = check(first, code, checks);
});

test("every positive case passes and every negative case fails", () => {
  expect(reference.tests.length).toBeGreaterThanOrEqual(50);
  for (const t of reference.tests) {
    expect([t.name, t.status]).toEqual([t.name, expectedStatus(t.name)]);
    if (t.status === "failed") expect(t.message.length).toBeGreaterThan(10);
  }
});

test("20 runs in one interpreter give identical outcomes", () => {
  for (let i = 0; i < 20; i++) {
    expect(outcomes(check(first, code, checks))).toEqual(outcomes(reference));
  }
});

test("a second, fresh interpreter gives identical outcomes", async () => {
  const second = await startPython();
  expect(outcomes(check(second, code, checks))).toEqual(outcomes(reference));
});

test("teaching messages name what keeps objects alive", () => {
  const message = (name: string) => reference.tests.find((t) => t.name.endsWith(`::${name}`))!.message;
  expect(message("test_neg_freed_by_refcount_cycle")).toContain("x.children[0].parent is the object itself");
  expect(message("test_neg_freed_by_refcount_cached")).toMatch(/^Do not keep nodes in the cache\.\n\nDetails: .*submission\.cache\['a'\] still refers to it/s);
  expect(message("test_neg_assert_refcount_stable")).toContain("10 more reference(s)");
  expect(message("test_neg_no_leak_objects")).toContain("more `Node` objects");
  expect(message("test_neg_no_leak_memory_only")).toContain("more bytes in use");
});

function python3Available(): boolean {
  try {
    execFileSync("python3", ["-c", "import sys; assert sys.version_info >= (3, 11)"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

(python3Available() ? test : test.skip)("64-bit CPython 3.11+ gives the same outcomes", () => {
  const request = JSON.stringify({ op: "check", code, checks });
  const packageDir = join(__dirname, "../../../lib/python");
  const output = execFileSync(
    "python3",
    ["-c", "import sys; sys.path.insert(0, sys.argv[1]); from leakless.harness import execute; sys.__stdout__.write(execute(sys.stdin.read()))", packageDir],
    { input: request, encoding: "utf8", timeout: 120_000 },
  );
  expect(outcomes(CheckResultSchema.parse(JSON.parse(output)))).toEqual(outcomes(reference));
});

/**
 * Every check helper, positive and negative, through the real harness in real
 * Pyodide: test_pos_* must pass and test_neg_* must fail — each case on its
 * own, the whole file 20 times in one session, and in a second fresh session.
 *
 * The old comparison with 64-bit CPython (`python3`) is gone: the judge's
 * package now measures learner objects through the host (`_leakless_host`,
 * the C API of the two-interpreter Pyodide instance), which plain CPython
 * does not have, so `leakless.harness` cannot even be imported there.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CheckFile, CheckResult } from "@/lib/grading/result";
import { check, startPython, visible, type Python } from "./pyodide";

jest.setTimeout(180_000);

const fixtures = join(__dirname, "fixtures");
const code = readFileSync(join(fixtures, "helpers_submission.py"), "utf8");
const checksSource = readFileSync(join(fixtures, "helpers_checks.py"), "utf8");
// Classes the checks make objects of and hand to the learner's code: they must live in its interpreter.
const fixturesFile = visible("fixtures.py", readFileSync(join(fixtures, "helpers_fixtures.py"), "utf8"));
const checks: CheckFile[] = [visible("test_helpers.py", checksSource), fixturesFile];

/** The case names, in file order (the harness runs them in definition order). */
const caseNames = [...checksSource.matchAll(/^def (test_\w+)\(/gm)].map((m) => m[1]);

function expectedStatus(testName: string): string {
  return testName.split("::").pop()!.startsWith("test_pos") ? "passed" : "failed";
}

const expected = caseNames.map((name) => [`test_helpers.py::${name}`, expectedStatus(name)]);

function outcomes(result: CheckResult): Array<[string, string]> {
  return result.tests.map((t) => [t.name, t.status]);
}

/** The imports of the check file plus one case: that case checked in a run of its own. */
const header = checksSource.slice(0, checksSource.search(/^def test_/m));
function caseSource(name: string): string {
  const start = checksSource.indexOf(`\ndef ${name}(`) + 1;
  const rest = checksSource.slice(start);
  const next = rest.slice(1).search(/^def test_/m);
  return `${header}\n${next === -1 ? rest : rest.slice(0, next + 1)}`;
}

let first: Python;
let reference: CheckResult;

beforeAll(async () => {
  first = await startPython();
  reference = await check(first, code, checks);
});

test("the check file has enough cases, both kinds", () => {
  expect(caseNames.length).toBeGreaterThanOrEqual(60);
  expect(caseNames.filter((n) => n.startsWith("test_neg")).length).toBeGreaterThanOrEqual(25);
});

describe("each case in a run of its own", () => {
  test.each(caseNames)("%s", async (name) => {
    const result = await check(first, code, [visible("test_helpers.py", caseSource(name)), fixturesFile]);
    const test = result.tests.find((t) => t.name === `test_helpers.py::${name}`);
    // Nothing on stderr: an "Exception ignored" there means a helper broke the learner's own code.
    expect({ status: test?.status ?? `run ${result.status}: ${result.message}`, stderr: result.stderr }).toEqual({
      status: expectedStatus(name),
      stderr: "",
    });
    if (test?.status === "failed") expect(test.message.length).toBeGreaterThan(10);
  });
});

test("the whole file in one run: every positive case passes and every negative case fails", () => {
  expect(outcomes(reference)).toEqual(expected);
  expect(reference.status).toBe("failed");
  for (const t of reference.tests) if (t.status === "failed") expect(t.message.length).toBeGreaterThan(10);
});

test("20 runs in one session give the same outcomes", async () => {
  for (let i = 0; i < 20; i++) {
    expect(outcomes(await check(first, code, checks))).toEqual(expected);
  }
});

test("a second, fresh session gives the same outcomes", async () => {
  const second = await startPython();
  expect(outcomes(await check(second, code, checks))).toEqual(expected);
});

test("teaching messages name what keeps objects alive", async () => {
  const message = async (name: string) => {
    const result = await check(first, code, [visible("test_helpers.py", caseSource(name)), fixturesFile]);
    return result.tests.find((t) => t.name.endsWith(`::${name}`))?.message ?? `no result: ${result.message}`;
  };
  expect(await message("test_neg_freed_by_refcount_cycle")).toContain("x.children[0].parent is the object itself");
  expect(await message("test_neg_freed_by_refcount_cached")).toMatch(
    /^Do not keep nodes in the cache\.\n\nDetails: .*submission\.cache\['a'\] still refers to it/s,
  );
  expect(await message("test_neg_freed_by_refcount_fixture_registered")).toContain("submission.registry");
  expect(await message("test_neg_assert_refcount_stable")).toContain("10 more reference(s)");
  expect(await message("test_neg_no_leak_objects")).toContain("more `Node` objects");
  expect(await message("test_neg_no_leak_memory_only")).toContain("more bytes in use");
});

/**
 * `npm run exercises:check` as an outsider runs it (the real script, the real
 * verifier pool): one program tried against an exercise's checks with
 * --program/--expect, and a drafts folder checked against the repo's course,
 * with its cases counted in the table.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../../setup/paths";

jest.setTimeout(600_000);

const EXERCISE = path.join(ROOT, "tests/fixtures/exercises/cases/with-cases");

function check(...args: string[]): { code: number | null; out: string } {
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/exercises-check.ts", ...args],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, INIT_CWD: ROOT },
    },
  );
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

test("--program runs one file against every check and prints each outcome; --expect sets the exit code", () => {
  const { code, out } = check(
    EXERCISE,
    "--program",
    path.join(EXERCISE, "cases/wrong-adds-two.py"),
    "--expect",
    "pass",
  );
  expect(out).toContain("as the learner's program for with-cases:");
  expect(out).toMatch(/failed\s+visible\s+test_visible\.py::test_double_three: double\(3\) should be 6/);
  expect(out).toMatch(/failed\s+hidden\s+test_hidden\.py::test_double_negative: assert -2 == -8/);
  expect(out).toContain("NOT as expected (--expect pass)");
  expect(code).toBe(1);
});

test("a drafts folder is checked against the repo's course, and says so; its cases are counted", () => {
  const drafts = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-cli-drafts-"));
  try {
    fs.cpSync(EXERCISE, path.join(drafts, "with-cases"), { recursive: true });
    const { code, out } = check(drafts, "--runs", "1", "--no-lessons");
    expect(out).toContain(`section and order checked against the course ${path.join(ROOT, "exercises/course.yaml")}`);
    expect(out).toMatch(/with-cases\s+pass 2\/2\s+failed 0\/2\s+3\/5 held/);
    expect(out).toContain("error   with-cases/cases/wrong-hard-coded.py: a wrong program passes every check");
    expect(code).toBe(1);
  } finally {
    fs.rmSync(drafts, { recursive: true, force: true });
  }
});

/**
 * The shipped course passes its own gate: every exercise loads without errors,
 * every reference solution passes all its checks, every starter fails a visible
 * one, results are stable over 3 runs, within limits. One pool for the whole
 * course (real Pyodide through the server verifier), so this takes a while.
 */
import path from "node:path";
import { checkCourse, type CheckReport } from "@/lib/exercises/check";
import { loadCourse } from "@/lib/exercises/load";
import { createVerifierPool, type VerifierPool } from "@/lib/verifier/pool";

const REPO_ROOT = path.join(__dirname, "../../..");
const course = loadCourse(path.join(REPO_ROOT, "exercises"));

it("loads without errors: at least five sections, 40 exercises, six per section, each with its cases", () => {
  expect(course.problems.filter((p) => p.severity === "error")).toEqual([]);
  expect(course.sections.length).toBeGreaterThanOrEqual(5);
  expect(course.exercises.length).toBeGreaterThanOrEqual(40);
  for (const section of course.sections) {
    expect(course.exercises.filter((e) => e.meta.section === section.id).length).toBeGreaterThanOrEqual(6);
  }
  // Every shipped exercise proves its checks with wrong programs that fail and right ones that pass.
  for (const exercise of course.exercises) {
    const kinds = new Set(exercise.cases.map((c) => c.expect));
    expect([exercise.dir, [...kinds].sort()]).toEqual([exercise.dir, ["fail", "pass"]]);
  }
});

describe("every exercise", () => {
  let pool: VerifierPool;
  let report: CheckReport;
  beforeAll(async () => {
    pool = createVerifierPool({ rootDir: REPO_ROOT, log: () => {} });
    report = await checkCourse(course, (job) => pool.verify(job), { runs: 3 });
  }, 30 * 60_000);
  afterAll(async () => {
    await pool?.close();
  });

  for (const exercise of course.exercises) {
    it(exercise.dir, () => {
      const verdict = report.verdicts.find((v) => v.exercise === exercise)!;
      expect(verdict.problems.filter((p) => p.severity === "error")).toEqual([]);
      expect(verdict.stable).toBe(true);
    });
  }
});

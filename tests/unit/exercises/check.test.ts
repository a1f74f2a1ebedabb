/**
 * exercises:check's core on fixtures, one per failure mode, through the real
 * server verifier pool (real Pyodide in sandboxed processes).
 */
import path from "node:path";
import { checkCourse, type CheckReport } from "@/lib/exercises/check";
import { loadCourse } from "@/lib/exercises/load";
import { createVerifierPool, type VerifierPool } from "@/lib/verifier/pool";

const FIXTURES = path.join(__dirname, "../../fixtures/exercises");
const REPO_ROOT = path.join(__dirname, "../../..");

let pool: VerifierPool;
let report: CheckReport;

beforeAll(async () => {
  pool = createVerifierPool({ rootDir: REPO_ROOT, size: 2, log: () => {} });
  report = await checkCourse(loadCourse(path.join(FIXTURES, "verify")), (job) => pool.verify(job), { runs: 3 });
}, 240_000);
afterAll(async () => {
  await pool?.close();
});

const errorsFor = (dir: string) =>
  report.problems.filter((p) => p.path.startsWith(`${dir}/`) && p.severity === "error");

it("passes a good exercise: solution passes all, starter fails a visible check, stable", () => {
  const good = report.verdicts.find((v) => v.exercise.slug === "good")!;
  expect(errorsFor("good")).toEqual([]);
  expect(good.ok).toBe(true);
  expect(good.stable).toBe(true);
  expect(good.solution.statuses).toEqual(["passed", "passed", "passed"]);
  expect(good.solution).toMatchObject({ passed: 2, total: 2 });
  expect(good.starter.statuses).toEqual(["failed", "failed", "failed"]);
});

it("fails a solution that fails a check, naming the check", () => {
  const [problem] = errorsFor("failing-solution");
  expect(problem.path).toBe("failing-solution/solution.py");
  expect(problem.message).toMatch(/reference solution does not pass/);
  expect(problem.message).toContain("test_double_three");
});

it("fails a starter that passes every visible check", () => {
  expect(errorsFor("passing-starter").map((p) => [p.path, p.message])).toEqual([
    ["passing-starter/starter.py", expect.stringMatching(/starter passes every visible check/)],
  ]);
});

it("fails a check that loops forever, within the exercise's time limit plus grace", () => {
  const problems = errorsFor("endless-check");
  expect(problems.map((p) => p.path)).toContain("endless-check/solution.py");
  expect(problems.find((p) => p.path === "endless-check/solution.py")!.message).toMatch(/time limit/);
  const verdict = report.verdicts.find((v) => v.exercise.slug === "endless-check")!;
  // Stopped after the first timeout instead of paying the limit three times.
  expect(verdict.solution.statuses).toEqual(["timeout"]);
});

it("reports the whole run as failed, and loader problems are carried along", async () => {
  expect(report.ok).toBe(false);
  const broken = loadCourse(path.join(FIXTURES, "broken-course"));
  const brokenReport = await checkCourse(broken, (job) => pool.verify(job), { runs: 1 });
  expect(brokenReport.ok).toBe(false);
  expect(brokenReport.verdicts.map((v) => v.exercise.slug)).toEqual(["good-one"]);
  expect(brokenReport.verdicts[0].ok).toBe(true);
  const paths = brokenReport.problems.filter((p) => p.severity === "error").map((p) => p.path);
  expect(paths).toEqual(
    expect.arrayContaining([
      "01-allocation/bad-metadata/exercise.yaml",
      "01-allocation/missing-solution/solution.py",
      "02-deallocation/duplicate-a/exercise.yaml",
      "02-deallocation/duplicate-b/exercise.yaml",
    ]),
  );
}, 120_000);

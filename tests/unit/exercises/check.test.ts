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

describe("the author's wrong and right programs (cases/)", () => {
  let cases: CheckReport;
  beforeAll(async () => {
    cases = await checkCourse(
      loadCourse(path.join(FIXTURES, "cases"), { referenceCourse: path.join(REPO_ROOT, "exercises") }),
      (job) => pool.verify(job),
      { runs: 1 },
    );
  }, 120_000);

  it("runs every case and counts the ones that held", () => {
    const [verdict] = cases.verdicts;
    expect(verdict.cases).toEqual({ ran: 5, held: 3 });
    expect(verdict.ok).toBe(false);
    expect(cases.ok).toBe(false);
  });

  it("reports a wrong program that passes every check, with its path and what it tries", () => {
    const problem = cases.problems.find((p) => p.path === "with-cases/cases/wrong-hard-coded.py")!;
    expect(problem.severity).toBe("error");
    expect(problem.message).toBe(
      "a wrong program passes every check, visible and hidden (it tries: Hard-codes the answers the checks ask " +
        "for: a hole in these checks.): add a check that rejects it",
    );
  });

  it("reports a right program that is rejected, naming the failing checks", () => {
    const problem = cases.problems.find((p) => p.path === "with-cases/cases/right-triples.py")!;
    expect(problem.severity).toBe("error");
    expect(problem.message).toMatch(/^a right program is rejected \(it tries: Triples/);
    expect(problem.message).toContain("test_visible.py::test_double_three failed: double(3) should be 6");
    expect(problem.message).toContain("test_hidden.py::test_double_negative failed");
  });

  it("accepts the cases that held, and warns about a wrong program that does not even import", () => {
    const about = (name: string) => cases.problems.filter((p) => p.path === `with-cases/cases/${name}`);
    expect(about("right-shift.py")).toEqual([]);
    expect(about("wrong-adds-two.py")).toEqual([]);
    expect(about("wrong-missing-module.py")).toEqual([
      expect.objectContaining({ severity: "warning", message: expect.stringMatching(/cannot be imported/) }),
    ]);
  });
});

/**
 * The content gate behind `npm run exercises:check` (Exercism's "every example
 * solution passes" CI, plus the starter's half): for each exercise that loaded,
 * - the reference solution passes every check, visible and hidden;
 * - the starter fails at least one visible check (else there is nothing to do);
 * - per-check statuses are identical over several runs (flaky checks are errors);
 * - no run reaches the exercise's time limit;
 * - each of the author's wrong programs (`cases/wrong-*.py`) fails a visible or
 *   hidden check, and each right one (`cases/right-*.py`) passes them all.
 * Loading problems (bad metadata, missing files, duplicate ids) come from
 * `loadCourse` and are reported alongside.
 *
 * Code runs through whatever `verify` the caller passes: the script passes the
 * server verifier's pool, so content is judged by the exact machinery that
 * grades learners.
 */
import type { CheckFile, CheckResult, RunStatus } from "@/lib/grading/result";
import type { ContentProblem, Exercise, ExerciseCase, LoadedCourse } from "./load";
import { CASES_DIR, FIXTURES_FILE, SOLUTION_FILE, STARTER_FILE } from "./load";

export interface VerifyJob {
  code: string;
  checks: CheckFile[];
  timeLimitMs: number;
  /** The exercise's heap ceiling, enforced inside the verifier. */
  memoryLimitBytes: number;
}
export type Verify = (job: VerifyJob) => Promise<CheckResult>;

export interface CheckOptions {
  /** Runs per program, to catch checks whose outcome varies. Default 3. */
  runs?: number;
  /** Exercises verified at the same time (the pool queues beyond its size). Default 2. */
  concurrency?: number;
  /** Called when an exercise is done, for progress output. */
  onExercise?: (verdict: ExerciseVerdict) => void;
}

/** What one program (solution or starter) did over all its runs. */
export interface ProgramSummary {
  /** Overall status of each run, in order. */
  statuses: RunStatus[];
  /** From the first run: checks passed / checks reported. */
  passed: number;
  total: number;
  /** Slowest run, ms (as measured by the verifier). */
  maxDurationMs: number;
}

export interface ExerciseVerdict {
  exercise: Exercise;
  solution: ProgramSummary;
  starter: ProgramSummary;
  /** Per-check statuses identical across runs, for both programs. */
  stable: boolean;
  /** The author's wrong/right programs: how many ran, and how many had the expected outcome. */
  cases: { ran: number; held: number };
  /** No error-severity problem found for this exercise. */
  ok: boolean;
  problems: ContentProblem[];
}

export interface CheckReport {
  verdicts: ExerciseVerdict[];
  /** Loading problems followed by verification problems. */
  problems: ContentProblem[];
  ok: boolean;
}

/** A run's per-check statuses as one comparable string. */
function fingerprint(result: CheckResult): string {
  return [result.status, ...result.tests.map((t) => `${t.name}=${t.status}`)].join("|");
}

/** Every check ran and passed: the program would be accepted. */
export function passesAll(result: CheckResult): boolean {
  return result.status === "passed" && result.tests.length > 0 && result.tests.every((t) => t.status === "passed");
}

function describeFailures(result: CheckResult, only?: "visible"): string {
  if (result.status === "timeout") return `hit the time limit: ${result.message || "the run did not finish"}`;
  if (result.status === "crashed") return `the interpreter crashed: ${result.message}`;
  if (result.status === "error") {
    const tb = result.traceback;
    return `cannot be imported: ${tb ? `${tb.type}: ${tb.message}${tb.line ? ` (line ${tb.line})` : ""}` : result.message}`;
  }
  const failing = result.tests.filter((t) => t.status !== "passed" && (!only || t.visibility === only));
  return failing.map((t) => `${t.name} ${t.status}${t.message ? `: ${firstLine(t.message)}` : ""}`).join("; ");
}

function firstLine(text: string): string {
  const line = text.trim().split("\n")[0];
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/**
 * Runs `code` up to `runs` times; stops early after a timeout or crash (the
 * answer is already known and each further run would cost the whole limit).
 */
async function runRepeatedly(verify: Verify, job: VerifyJob, runs: number): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (let i = 0; i < runs; i++) {
    const result = await verify(job);
    results.push(result);
    if (result.status === "timeout" || result.status === "crashed") break;
  }
  return results;
}

function summarize(results: CheckResult[]): ProgramSummary {
  return {
    statuses: results.map((r) => r.status),
    passed: results[0].tests.filter((t) => t.status === "passed").length,
    total: results[0].tests.length,
    maxDurationMs: Math.max(...results.map((r) => r.duration)),
  };
}

export async function verifyExercise(exercise: Exercise, verify: Verify, runs = 3): Promise<ExerciseVerdict> {
  const problems: ContentProblem[] = [];
  const file = (name: string) => [exercise.dir, name].filter((p) => p !== ".").join("/");
  const error = (name: string, message: string) => problems.push({ path: file(name), message, severity: "error" });
  const warning = (name: string, message: string) => problems.push({ path: file(name), message, severity: "warning" });
  const limit = exercise.meta.limits.timeLimitMs;
  const job = (code: string): VerifyJob => programJob(exercise, code);

  const solutionRuns = await runRepeatedly(verify, job(exercise.solution), runs);
  const starterRuns = await runRepeatedly(verify, job(exercise.starter), runs);

  const badSolution = solutionRuns.find((r) => r.status !== "passed" || r.tests.some((t) => t.status !== "passed"));
  if (badSolution) {
    error(SOLUTION_FILE, `the reference solution does not pass: ${describeFailures(badSolution)}`);
    const advice = crossingAdvice(exercise, badSolution);
    if (advice) error(`checks/${FIXTURES_FILE}`, advice);
  } else {
    for (const visibility of ["visible", "hidden"] as const) {
      if (!solutionRuns[0].tests.some((t) => t.visibility === visibility)) {
        error(
          `checks/test_${visibility}.py`,
          `no ${visibility} check ran (is every check a \`def test_...()\` at module level?)`,
        );
      }
    }
  }

  for (const r of starterRuns) {
    if (r.status === "timeout" || r.status === "crashed" || r.status === "error") {
      error(
        STARTER_FILE,
        `the starter ${describeFailures(r)}; learners must start from code that runs and fails a visible check`,
      );
      break;
    }
    if (!r.tests.some((t) => t.visibility === "visible" && t.status !== "passed")) {
      error(
        STARTER_FILE,
        "the starter passes every visible check: a learner would have nothing to fix (or the visible checks miss the point of the exercise)",
      );
      break;
    }
  }

  const stable = new Set(solutionRuns.map(fingerprint)).size === 1 && new Set(starterRuns.map(fingerprint)).size === 1;
  if (!stable) {
    for (const [name, results] of [
      [SOLUTION_FILE, solutionRuns],
      [STARTER_FILE, starterRuns],
    ] as const) {
      if (new Set(results.map(fingerprint)).size > 1) {
        error(
          name,
          `check results differ between runs (flaky check): ${results.map((r) => describeRun(r)).join(" / ")}`,
        );
      }
    }
  }

  const cases = await verifyCases(exercise, verify, problems);

  // A run that passes but gets near the limit will time out on a busier machine.
  const slowest = Math.max(...[...solutionRuns, ...starterRuns].map((r) => r.duration));
  if (slowest > limit / 2 && !problems.some((p) => p.severity === "error")) {
    warning(
      "exercise.yaml",
      `slowest run took ${Math.round(slowest)} ms, over half of limits.timeLimitMs (${limit} ms)`,
    );
  }

  return {
    exercise,
    solution: summarize(solutionRuns),
    starter: summarize(starterRuns),
    stable,
    cases,
    ok: !problems.some((p) => p.severity === "error"),
    problems,
  };
}

/** One run of `code` as the learner's program against every check, visible and hidden, of `exercise`. */
export function programJob(exercise: Exercise, code: string): VerifyJob {
  return {
    code,
    checks: exercise.checks,
    timeLimitMs: exercise.meta.limits.timeLimitMs,
    memoryLimitBytes: exercise.meta.limits.memoryLimitMb * 1024 * 1024,
  };
}

/**
 * Runs each case once (a flaky check already shows on the solution and the
 * starter, which run several times). A wrong program that passes every check
 * is a hole in the checks; a right one that fails is a check that rejects a
 * correct fix: both are errors on the case's file.
 */
async function verifyCases(
  exercise: Exercise,
  verify: Verify,
  problems: ContentProblem[],
): Promise<ExerciseVerdict["cases"]> {
  const file = (c: ExerciseCase) => [exercise.dir, CASES_DIR, c.name].filter((p) => p !== ".").join("/");
  const tries = (c: ExerciseCase) => (c.description ? ` (it tries: ${c.description})` : "");
  let held = 0;
  for (const c of exercise.cases) {
    const result = await verify(programJob(exercise, c.source));
    const passed = passesAll(result);
    if (passed === (c.expect === "pass")) {
      held++;
      if (c.expect === "fail" && result.status === "error") {
        problems.push({
          path: file(c),
          message: `this wrong program ${describeFailures(result)}: it fails before any check looks at its fix`,
          severity: "warning",
        });
      }
    } else if (c.expect === "fail") {
      problems.push({
        path: file(c),
        message: `a wrong program passes every check, visible and hidden${tries(c)}: add a check that rejects it`,
        severity: "error",
      });
    } else {
      problems.push({
        path: file(c),
        message: `a right program is rejected${tries(c)}: ${describeFailures(result)}`,
        severity: "error",
      });
    }
  }
  return { ran: exercise.cases.length, held };
}

/** Messages by which a check's own object betrays that it was handed to the learner's code. */
const CROSSING_SIGNS = [
  "an object of the checks has no attribute",
  "of the check's own that it also handed",
  "belongs to the check and was handed",
  "JudgeObject",
  "a check cannot subclass a class of the learner's code",
];

/**
 * Exercises written before checks ran apart from the learner's code (or from
 * an older guide) fail in recognisable ways when a check hands its own
 * objects to the learner's code: say what to do, and name the command that
 * does most of it.
 */
function crossingAdvice(exercise: Exercise, result: CheckResult): string | null {
  const text = [result.message, result.traceback?.message ?? "", ...result.tests.map((t) => t.message)].join("\n");
  const hasFixtures = exercise.checks.some((c) => c.name === FIXTURES_FILE);
  const definesClasses = exercise.checks.some((c) => c.name !== FIXTURES_FILE && /^\s*class \w+/m.test(c.source));
  if (!CROSSING_SIGNS.some((sign) => text.includes(sign)) && (hasFixtures || !definesClasses)) return null;
  return (
    "the checks may hand objects of their own to the learner's code, which runs apart from the checks " +
    "(exercises/README.md, \"Checks and the learner's code\"): classes whose objects the learner's code " +
    "uses or keeps belong in checks/fixtures.py. `npm run exercises:convert -- " +
    `${exercise.dir}\` moves the check files' top-level classes there; a list or dict the learner's code must ` +
    "mutate or keep is made with `leakless.in_learner(...)`."
  );
}

function describeRun(result: CheckResult): string {
  const notPassed = result.tests.filter((t) => t.status !== "passed").map((t) => `${t.name}=${t.status}`);
  return `${result.status}${notPassed.length ? ` [${notPassed.join(", ")}]` : ""}`;
}

/** Verifies every exercise that loaded; `course.problems` are carried into the report. */
export async function checkCourse(
  course: LoadedCourse,
  verify: Verify,
  options: CheckOptions = {},
): Promise<CheckReport> {
  const runs = options.runs ?? 3;
  const queue = [...course.exercises];
  const verdicts: ExerciseVerdict[] = [];
  const worker = async () => {
    for (let exercise = queue.shift(); exercise; exercise = queue.shift()) {
      const verdict = await verifyExercise(exercise, verify, runs);
      verdicts.push(verdict);
      options.onExercise?.(verdict);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  const order = new Map(course.exercises.map((e, i) => [e, i]));
  verdicts.sort((a, b) => order.get(a.exercise)! - order.get(b.exercise)!);
  const problems = [...course.problems, ...verdicts.flatMap((v) => v.problems)];
  return { verdicts, problems, ok: !problems.some((p) => p.severity === "error") };
}

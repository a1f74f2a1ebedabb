/**
 * npm run exercises:check [-- PATH] [--runs N] [--no-lessons] [--no-browser]
 * npm run exercises:check -- EXERCISE --program FILE [--expect pass|fail]
 *
 * Proves course content with the machinery that grades learners: loads PATH
 * (default: the repo's exercises/; or one exercise folder, or a folder of
 * exercises, anywhere; those are checked against the course above them, else
 * the repo's), runs every reference solution, starter and case
 * (cases/wrong-*.py, cases/right-*.py) through the server verifier pool, then
 * with the visible checks in the browser worker in headless Chromium as
 * learners run them (lib/exercises/check-browser.ts; skipped, saying so,
 * without Chromium or with --no-browser), re-runs every lesson example,
 * prints a table and the problems with their paths, and exits 1 if there is
 * any error.
 *
 * With --program, runs FILE as the learner's program against EXERCISE's
 * visible and hidden checks and prints each check's outcome; exits 1 when
 * --expect is given and not met.
 */
import fs from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";
import { checkCourse, passesAll, programJob, type CheckReport, type ExerciseVerdict } from "../lib/exercises/check";
import { ServerRuns, checkCourseInBrowser, type BrowserReport } from "../lib/exercises/check-browser";
import { checkLessons } from "../lib/exercises/lesson-examples";
import { loadCourse, type ContentProblem, type LoadedCourse } from "../lib/exercises/load";
import { createVerifierPool } from "../lib/verifier/pool";

const REPO_ROOT = path.resolve(__dirname, "..");

interface Args {
  target: string;
  runs: number;
  lessons: boolean;
  /** --program FILE: run this file against one exercise's checks. */
  program?: string;
  expect?: "pass" | "fail";
  browser: boolean;
}

const USAGE =
  "usage: npm run exercises:check -- [PATH] [--runs N] [--no-lessons] [--no-browser]\n" +
  "       npm run exercises:check -- EXERCISE-FOLDER --program FILE [--expect pass|fail]";

function parseArgs(argv: string[]): Args {
  // `npm run` changes into the repo; INIT_CWD is where the author typed the command.
  const base = process.env.INIT_CWD ?? process.cwd();
  const args: Args = { target: path.join(REPO_ROOT, "exercises"), runs: 3, lessons: true, browser: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--no-lessons") args.lessons = false;
    else if (arg === "--no-browser") args.browser = false;
    else if (arg === "--runs") args.runs = Math.max(1, Number.parseInt(argv[++i] ?? "", 10) || 3);
    else if (arg === "--program") {
      const file = argv[++i];
      if (!file) throw new Error(`--program needs a file\n${USAGE}`);
      args.program = path.resolve(base, file);
      if (!fs.existsSync(args.program) || !fs.statSync(args.program).isFile()) {
        throw new Error(`--program: no file ${args.program}`);
      }
    } else if (arg === "--expect") {
      const expect = argv[++i];
      if (expect !== "pass" && expect !== "fail") throw new Error(`--expect must be pass or fail\n${USAGE}`);
      args.expect = expect;
    } else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else args.target = path.resolve(base, arg);
  }
  if (args.expect && !args.program) throw new Error(`--expect goes with --program\n${USAGE}`);
  return args;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function row(v: ExerciseVerdict, browser: BrowserReport | null): string[] {
  const s = v.solution;
  const t = v.starter;
  const solution = s.statuses.every((x) => x === "passed")
    ? `pass ${s.passed}/${s.total}`
    : `FAIL ${s.passed}/${s.total} (${s.statuses[0]})`;
  const starter = `${t.statuses[0]} ${t.passed}/${t.total}`;
  const limit = v.exercise.meta.limits.timeLimitMs;
  const time = `${Math.round(Math.max(s.maxDurationMs, t.maxDurationMs))}/${limit} ms`;
  const cases = v.cases.ran === 0 ? "none" : `${v.cases.held}/${v.cases.ran} held`;
  const b = browser?.verdicts.find((x) => x.exercise === v.exercise);
  const browserTime =
    !browser || browser.skipped
      ? "skipped"
      : b?.maxWallMs == null
        ? "not run"
        : `${Math.round(b.maxWallMs)}/${limit} ms`;
  const ok = v.ok && (b?.ok ?? true);
  return [v.exercise.dir, solution, starter, cases, v.stable ? "yes" : "NO", time, browserTime, ok ? "ok" : "ERROR"];
}

function printProblems(root: string, problems: ContentProblem[]): void {
  if (problems.length === 0) return;
  console.log(`\nProblems (paths relative to ${root}):`);
  for (const p of problems) console.log(`  ${p.severity === "error" ? "error  " : "warning"} ${p.path}: ${p.message}`);
}

/** Which course the folder's sections and orders were checked against (never silently none). */
function courseLine(course: LoadedCourse): string {
  if (course.checkedAgainst) return `section and order checked against the course ${course.checkedAgainst}`;
  if (course.sections.length > 0) return `a course of ${course.sections.length} section(s)`;
  return "section and order not checked against any course (see the problems below)";
}

/** --program: one file as the learner's program, every check's outcome printed. */
async function runProgram(args: Args & { program: string }): Promise<number> {
  const course = loadCourse(args.target, { referenceCourse: path.join(REPO_ROOT, "exercises") });
  const errors = course.problems.filter((p) => p.severity === "error");
  if (course.exercises.length !== 1 || errors.length > 0) {
    printProblems(course.root, errors);
    console.log(
      course.exercises.length > 1
        ? `\n--program needs one exercise folder; ${args.target} holds ${course.exercises.length}`
        : `\n${args.target} is not an exercise that loads`,
    );
    return 1;
  }
  const exercise = course.exercises[0];
  const code = fs.readFileSync(args.program, "utf8");
  const pool = createVerifierPool({
    rootDir: REPO_ROOT,
    memoryLimitBytes: exercise.meta.limits.memoryLimitMb * 1024 * 1024,
  });
  let result;
  try {
    result = await pool.verify(programJob(exercise, code));
  } finally {
    await pool.close();
  }
  console.log(`${path.relative(process.cwd(), args.program)} as the learner's program for ${exercise.dir}:`);
  for (const t of result.tests) {
    const message = t.status === "passed" ? "" : `: ${t.message.trim().split("\n")[0]}`;
    console.log(`  ${t.status.padEnd(7)} ${t.visibility.padEnd(7)} ${t.name}${message}`);
  }
  if (result.status !== "passed" && result.status !== "failed") {
    console.log(`  run ${result.status}: ${result.traceback?.message ?? result.message}`);
  }
  const passed = passesAll(result);
  console.log(`\n${passed ? "PASSES every check" : "FAILS"} (${Math.round(result.duration)} ms)`);
  if (!args.expect) return 0;
  const met = passed === (args.expect === "pass");
  console.log(met ? `as expected (--expect ${args.expect})` : `NOT as expected (--expect ${args.expect})`);
  return met ? 0 : 1;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.program) return runProgram({ ...args, program: args.program });
  const course = loadCourse(args.target, { referenceCourse: path.join(REPO_ROOT, "exercises") });
  console.log(`Checking ${course.exercises.length} exercise(s) in ${args.target} (${args.runs} runs each)`);
  console.log(`(${courseLine(course)})`);

  let report: CheckReport = {
    verdicts: [],
    problems: course.problems,
    ok: !course.problems.some((p) => p.severity === "error"),
  };
  let browser: BrowserReport | null = null;
  if (course.exercises.length > 0) {
    const largestMemoryMb = Math.max(...course.exercises.map((e) => e.meta.limits.memoryLimitMb));
    const pool = createVerifierPool({ rootDir: REPO_ROOT, memoryLimitBytes: largestMemoryMb * 1024 * 1024 });
    // Records the server's runs, for the browser run to compare with.
    const server = new ServerRuns((job) => pool.verify(job));
    try {
      report = await checkCourse(course, server.verify, {
        runs: args.runs,
        onExercise: (v) => process.stderr.write(`  ${v.ok ? "ok   " : "ERROR"} ${v.exercise.dir}\n`),
      });
      if (args.browser) {
        process.stderr.write("In the browser (the exercise page's worker, visible checks):\n");
        browser = await checkCourseInBrowser(course, server, {
          runs: args.runs,
          onExercise: (v) => process.stderr.write(`  ${v.ok ? "ok   " : "ERROR"} ${v.exercise.dir}\n`),
        });
      }
    } finally {
      await pool.close();
    }
  }

  if (browser) report = { ...report, problems: [...report.problems, ...browser.problems], ok: report.ok && browser.ok };

  let lessonLine = "";
  if (args.lessons && course.sections.length > 0) {
    const pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
    const lessons = checkLessons(pyodide, course.sections);
    lessonLine = `\nLesson examples: ${lessons.examples - lessons.problems.length}/${lessons.examples} print their output blocks`;
    report = {
      ...report,
      problems: [...report.problems, ...lessons.problems],
      ok: report.ok && lessons.problems.length === 0,
    };
  }

  if (report.verdicts.length > 0) {
    console.log();
    const header = ["exercise", "solution", "starter", "cases", "stable", "server", "browser", "verdict"];
    console.log(table([header, ...report.verdicts.map((v) => row(v, browser))]));
  }
  if (browser?.skipped) {
    console.log(`\nBrowser run SKIPPED: ${browser.skipped}. Learners' checks were not run in a browser.`);
  } else if (browser?.worker) {
    const w = browser.worker;
    console.log(
      `\nBrowser: the exercise page's worker in headless Chromium, ${w.crossOriginIsolated && w.interruptible ? "cross-origin isolated (interrupts work)" : "NOT interruptible"}; ` +
        `${w.boots.length} worker(s), booted from: ${[...new Set(w.boots)].join(", ")}. Times: slowest run with the visible checks. ` +
        `A fresh worker's first check (a learner's first Check on a page) also pays a warm-up: ${w.warmUpMs.map((ms) => Math.round(ms)).join(", ")} ms here.`,
    );
  } else if (!args.browser && report.verdicts.length > 0) {
    console.log("\nBrowser run skipped (--no-browser).");
  }
  if (lessonLine) console.log(lessonLine);
  printProblems(course.root, report.problems);
  const errors = report.problems.filter((p) => p.severity === "error").length;
  const warnings = report.problems.length - errors;
  console.log(`\n${errors} error(s), ${warnings} warning(s): ${report.ok ? "OK" : "FAILED"}`);
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(2);
  },
);

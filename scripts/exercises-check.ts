/**
 * npm run exercises:check [-- PATH] [--runs N] [--no-lessons] [--no-browser]
 *
 * Proves course content with the machinery that grades learners: loads PATH
 * (default: the repo's exercises/; or one exercise folder, or a folder of
 * exercises, anywhere), runs every reference solution and starter through the
 * server verifier pool, then with the visible checks in the browser worker in
 * headless Chromium as learners run them (lib/exercises/check-browser.ts;
 * skipped, saying so, without Chromium or with --no-browser), re-runs every
 * lesson example, prints a table and the problems with their paths, and exits
 * 1 if there is any error.
 */
import path from "node:path";
import { loadPyodide } from "pyodide";
import { checkCourse, type CheckReport, type ExerciseVerdict } from "../lib/exercises/check";
import { ServerRuns, checkCourseInBrowser, type BrowserReport } from "../lib/exercises/check-browser";
import { checkLessons } from "../lib/exercises/lesson-examples";
import { loadCourse, type ContentProblem } from "../lib/exercises/load";
import { createVerifierPool } from "../lib/verifier/pool";

const REPO_ROOT = path.resolve(__dirname, "..");

interface Args {
  target: string;
  runs: number;
  lessons: boolean;
  browser: boolean;
}

function parseArgs(argv: string[]): Args {
  // `npm run` changes into the repo; INIT_CWD is where the author typed the command.
  const base = process.env.INIT_CWD ?? process.cwd();
  const args: Args = { target: path.join(REPO_ROOT, "exercises"), runs: 3, lessons: true, browser: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--no-lessons") args.lessons = false;
    else if (arg === "--no-browser") args.browser = false;
    else if (arg === "--runs") args.runs = Math.max(1, Number.parseInt(argv[++i] ?? "", 10) || 3);
    else if (arg === "--help" || arg === "-h") {
      console.log("usage: npm run exercises:check -- [PATH] [--runs N] [--no-lessons] [--no-browser]");
      process.exit(0);
    } else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}`);
    else args.target = path.resolve(base, arg);
  }
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
  const b = browser?.verdicts.find((x) => x.exercise === v.exercise);
  const browserTime =
    !browser || browser.skipped
      ? "skipped"
      : b?.maxWallMs == null
        ? "not run"
        : `${Math.round(b.maxWallMs)}/${limit} ms`;
  const ok = v.ok && (b?.ok ?? true);
  return [v.exercise.dir, solution, starter, v.stable ? "yes" : "NO", time, browserTime, ok ? "ok" : "ERROR"];
}

function printProblems(root: string, problems: ContentProblem[]): void {
  if (problems.length === 0) return;
  console.log(`\nProblems (paths relative to ${root}):`);
  for (const p of problems) console.log(`  ${p.severity === "error" ? "error  " : "warning"} ${p.path}: ${p.message}`);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const course = loadCourse(args.target);
  console.log(`Checking ${course.exercises.length} exercise(s) in ${args.target} (${args.runs} runs each)`);

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
    const header = ["exercise", "solution", "starter", "stable", "server", "browser", "verdict"];
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

/**
 * npm run exercises:check [-- PATH] [--runs N] [--no-lessons]
 *
 * Proves course content with the machinery that grades learners: loads PATH
 * (default: the repo's exercises/; or one exercise folder, or a folder of
 * exercises, anywhere), runs every reference solution and starter through the
 * server verifier pool, re-runs every lesson example, prints a table and the
 * problems with their paths, and exits 1 if there is any error.
 */
import path from "node:path";
import { loadPyodide } from "pyodide";
import { checkCourse, type CheckReport, type ExerciseVerdict } from "../lib/exercises/check";
import { checkLessons } from "../lib/exercises/lesson-examples";
import { loadCourse, type ContentProblem } from "../lib/exercises/load";
import { createVerifierPool } from "../lib/verifier/pool";

const REPO_ROOT = path.resolve(__dirname, "..");

interface Args {
  target: string;
  runs: number;
  lessons: boolean;
}

function parseArgs(argv: string[]): Args {
  // `npm run` changes into the repo; INIT_CWD is where the author typed the command.
  const base = process.env.INIT_CWD ?? process.cwd();
  const args: Args = { target: path.join(REPO_ROOT, "exercises"), runs: 3, lessons: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--no-lessons") args.lessons = false;
    else if (arg === "--runs") args.runs = Math.max(1, Number.parseInt(argv[++i] ?? "", 10) || 3);
    else if (arg === "--help" || arg === "-h") {
      console.log("usage: npm run exercises:check -- [PATH] [--runs N] [--no-lessons]");
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

function row(v: ExerciseVerdict): string[] {
  const s = v.solution;
  const t = v.starter;
  const solution = s.statuses.every((x) => x === "passed")
    ? `pass ${s.passed}/${s.total}`
    : `FAIL ${s.passed}/${s.total} (${s.statuses[0]})`;
  const starter = `${t.statuses[0]} ${t.passed}/${t.total}`;
  const time = `${Math.round(Math.max(s.maxDurationMs, t.maxDurationMs))}/${v.exercise.meta.limits.timeLimitMs} ms`;
  return [v.exercise.dir, solution, starter, v.stable ? "yes" : "NO", time, v.ok ? "ok" : "ERROR"];
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
  if (course.exercises.length > 0) {
    const largestMemoryMb = Math.max(...course.exercises.map((e) => e.meta.limits.memoryLimitMb));
    const pool = createVerifierPool({ rootDir: REPO_ROOT, memoryLimitBytes: largestMemoryMb * 1024 * 1024 });
    try {
      report = await checkCourse(course, (job) => pool.verify(job), {
        runs: args.runs,
        onExercise: (v) => process.stderr.write(`  ${v.ok ? "ok   " : "ERROR"} ${v.exercise.dir}\n`),
      });
    } finally {
      await pool.close();
    }
  }

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
    console.log(table([["exercise", "solution", "starter", "stable", "time", "verdict"], ...report.verdicts.map(row)]));
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

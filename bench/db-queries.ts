/**
 * `npm run bench:db -- [--learners 200] [--per-exercise 10] [--runs 10] <DATABASE_URL>…`: the
 * dashboard and export queries timed in-process on each database given (a
 * SQLite `file:` URL and a PostgreSQL URL, to compare), without a server:
 * what the pages and the CSV route spend in the database, not HTTP or render.
 *
 * Each database is prepared like `npm start` (migrations, course sync, demo
 * accounts; it should be new or a throwaway one) and filled by the demo
 * seeder (lib/demo) with `--learners` learners × every exercise ×
 * `--per-exercise` submissions (issue #16's scale, 1,000 × 200,000 on the
 * 40-exercise course: `--learners 1000 --per-exercise 5`). Reported per
 * query: median and p95 over `--runs` runs after one warm-up; the export is
 * read to the end (every page) each run.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/lib/db/create-client";
import { redactUrl } from "@/lib/db/url";
import { providerOf } from "@/lib/db/provider";
import { seedDemoCohort, DEMO_INSTRUCTOR_EMAIL } from "@/lib/demo/seed-demo-cohort";
import { getCohortOverview } from "@/lib/dashboards/get-cohort-overview";
import { listStrugglingLearners } from "@/lib/dashboards/list-struggling-learners";
import { getExerciseStats } from "@/lib/dashboards/get-exercise-stats";
import { getLearnerActivity } from "@/lib/dashboards/get-learner-activity";
import { exportSubmissionsCsv } from "@/lib/export/export-submissions";
import { percentile, ms } from "./support/stats";

const ROOT = path.resolve(__dirname, "..");

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up: caches, prepared plans
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

async function measure(url: string, learners: number, perExercise: number, runs: number) {
  const prepared = spawnSync(process.execPath, [require.resolve("tsx/cli"), "scripts/prepare.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (prepared.status !== 0) throw new Error(`preparing ${redactUrl(url)} failed:\n${prepared.stderr}`);
  const db = createPrismaClient(url);
  try {
    const seeded = await seedDemoCohort(db, { learners, submissionsPerExercise: perExercise });
    const instructor = await db.user.findUniqueOrThrow({
      where: { email: DEMO_INSTRUCTOR_EMAIL },
      select: { id: true, email: true, name: true, role: true },
    });
    const exercise = await db.exercise.findFirstOrThrow({ where: { archivedAt: null }, orderBy: { path: "asc" } });
    const learner = await db.cohortMember.findFirstOrThrow({ where: { cohortId: seeded.cohortId } });
    const id = seeded.cohortId;
    let exportBytes = 0;
    const rows: [string, number[]][] = [
      [
        "cohort overview (overview + struggling)",
        await timed(runs, () =>
          Promise.all([getCohortOverview(db, instructor, id), listStrugglingLearners(db, instructor, id)]),
        ),
      ],
      ["per-exercise page", await timed(runs, () => getExerciseStats(db, instructor, id, exercise.id))],
      ["learner page", await timed(runs, () => getLearnerActivity(db, instructor, id, learner.userId))],
      [
        "submissions export (whole file)",
        await timed(Math.max(1, Math.floor(runs / 3)), async () => {
          const csv = await exportSubmissionsCsv(db, instructor, id);
          exportBytes = 0;
          for await (const chunk of csv.records) exportBytes += chunk.length;
        }),
      ],
    ];
    console.log(
      `\n${providerOf(url)} (${redactUrl(url)}): ${seeded.learners} learners, ${seeded.submissions} submissions, ` +
        `${seeded.checkOutcomes} check outcomes, seeded in ${ms(seeded.ms)}; export ${exportBytes} characters`,
    );
    for (const [name, times] of rows) {
      console.log(
        `  ${name.padEnd(42)} median ${ms(percentile(times, 50)).padStart(9)}   p95 ${ms(percentile(times, 95)).padStart(9)}`,
      );
    }
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      learners: { type: "string", default: "200" },
      "per-exercise": { type: "string", default: "10" },
      runs: { type: "string", default: "10" },
    },
  });
  if (positionals.length === 0) {
    console.error("usage: npm run bench:db -- [--learners N] [--per-exercise N] [--runs N] <DATABASE_URL>…");
    process.exit(2);
  }
  const perExercise = Number(values["per-exercise"]);
  for (const url of positionals) await measure(url, Number(values.learners), perExercise, Number(values.runs));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

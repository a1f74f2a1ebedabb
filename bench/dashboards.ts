/**
 * (5) Dashboards: server time of the cohort overview and of a per-exercise
 * page over synthetic data — 1,000 learners × every exercise × 10
 * submissions — written by the dashboards work's seeder
 * (lib/demo/seed-demo-cohort.ts, `seedDemoCohort`) into the bench server's
 * database.
 *
 * Timed over HTTP as the instructor (real session) when the pages exist
 * under app/instructor/cohorts/[id]/dashboard; otherwise the same domain
 * functions the pages call (lib/dashboards), in this process, and the row
 * says so. The first request of each kind is reported apart (cold caches);
 * the median and p95 are over the 10 requests after it.
 *
 * The seeder and dashboard modules are loaded by path at run time: they are
 * another engineer's work in progress, and the bench must still build while
 * they are not in the tree.
 */
import fs from "node:fs";
import path from "node:path";
import { createPrismaClient } from "@/lib/db/create-client";
import { requireServer, type BenchEnv } from "./support/bench-env";
import { createLearners, signInOverHttp } from "./support/learners";
import type { MeasurementResult, ResultRow } from "./support/report";
import { ms, percentile } from "./support/stats";

const ROOT = path.resolve(__dirname, "..");
const SEEDER = path.join(ROOT, "lib", "demo", "seed-demo-cohort.ts");
const DASHBOARD_PAGES = path.join(ROOT, "app", "(instructor)", "instructor", "cohorts", "[id]", "dashboard");
const DASHBOARD_LIB = path.join(ROOT, "lib", "dashboards");
export const DASHBOARD_TARGET_MS = 300;
const RUNS = 10;

type Seeder = (
  db: unknown,
  options: Record<string, unknown>,
) => Promise<{ cohortId: string; submissions: number; ms: number }>;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function series(fn: () => Promise<unknown>): Promise<{ first: number; rest: number[] }> {
  const first = await timed(fn);
  const rest: number[] = [];
  for (let i = 0; i < RUNS; i++) rest.push(await timed(fn));
  return { first, rest };
}

/** The per-exercise page, relative to the dashboard route, if it exists. */
function exercisePageRoute(): string | null {
  return fs.existsSync(path.join(DASHBOARD_PAGES, "exercises", "[exerciseId]", "page.tsx"))
    ? "exercises/[exerciseId]"
    : null;
}

export async function measureDashboards(env: BenchEnv): Promise<MeasurementResult> {
  const server = requireServer(env);
  const section = "5. Dashboards";
  if (!fs.existsSync(SEEDER)) {
    return {
      rows: [
        {
          section,
          metric: "1,000 learners × 10 submissions",
          value: "not measured",
          comparison: "lib/demo/seed-demo-cohort.ts is not in the tree",
          target: "≤ 300 ms",
          met: null,
        },
      ],
      raw: null,
    };
  }
  const learners = env.quick ? 100 : 1000;
  const [instructorEmail] = await createLearners(server.dbFile, "dash-instructor", 1, "INSTRUCTOR");
  const db = createPrismaClient(`file:${server.dbFile}`);
  try {
    const { seedDemoCohort } = (await import(SEEDER)) as { seedDemoCohort: Seeder };
    const seeded = await seedDemoCohort(db, { learners, submissionsPerExercise: 10, instructorEmail });
    env.log(`dashboards: seeded ${learners} learners, ${seeded.submissions} submissions in ${ms(seeded.ms)}`);
    const exercise = await db.exercise.findFirst({
      where: { archivedAt: null },
      orderBy: { path: "asc" },
      select: { id: true, path: true },
    });
    const instructor = await db.user.findUniqueOrThrow({
      where: { email: instructorEmail },
      select: { id: true, email: true, name: true, role: true },
    });

    let overview: { first: number; rest: number[] };
    let perExercise: { first: number; rest: number[] } | null = null;
    let how: string;
    const exerciseRoute = exercisePageRoute();
    if (fs.existsSync(path.join(DASHBOARD_PAGES, "page.tsx"))) {
      const { cookie } = await signInOverHttp(server.url, instructorEmail);
      const get = (url: string) => async () => {
        const res = await fetch(url, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
      };
      const base = `${server.url}/instructor/cohorts/${seeded.cohortId}/dashboard`;
      overview = await series(get(base));
      if (exerciseRoute && exercise) {
        perExercise = await series(get(`${base}/${exerciseRoute.replace(/\[[^\]]+\]/, exercise.id)}`));
      }
      how = "HTTP GET of the page (server render + transfer), instructor session";
    } else {
      const overviewModule = (await import(path.join(DASHBOARD_LIB, "get-cohort-overview.ts"))) as {
        getCohortOverview: (db: unknown, actor: unknown, cohortId: string) => Promise<unknown>;
      };
      const statsModule = (await import(path.join(DASHBOARD_LIB, "get-exercise-stats.ts"))) as {
        getExerciseStats: (db: unknown, actor: unknown, cohortId: string, exerciseId: string) => Promise<unknown>;
      };
      overview = await series(() => overviewModule.getCohortOverview(db, instructor, seeded.cohortId));
      if (exercise)
        perExercise = await series(() => statsModule.getExerciseStats(db, instructor, seeded.cohortId, exercise.id));
      how = "pages not in the tree yet: the lib/dashboards functions they call, in-process (database time only)";
    }
    const row = (metric: string, s: { first: number; rest: number[] }): ResultRow => ({
      section,
      metric: `${metric}, ${learners} learners × ${seeded.submissions} submissions: median / p95`,
      value: `${ms(percentile(s.rest, 50))} / ${ms(percentile(s.rest, 95))}`,
      comparison: `first request ${ms(s.first)}; ${how}`,
      target: "≤ 300 ms",
      met: percentile(s.rest, 50) <= DASHBOARD_TARGET_MS,
    });
    const rows = [row("cohort overview", overview)];
    if (perExercise) rows.push(row(`per-exercise (${exercise!.path})`, perExercise));
    return { rows, raw: { learners, seeded, how, overview, perExercise } };
  } finally {
    await db.$disconnect();
  }
}

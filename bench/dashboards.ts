/**
 * (5) Dashboards: server time of the cohort overview and of a per-exercise
 * page over synthetic data — 1,000 learners × every exercise × 10
 * submissions — written by the dashboards work's seeder (`seedDemoCohort`,
 * lib/demo) into the bench server's database, then each page fetched over
 * HTTP as the cohort's instructor (a real session): server render plus
 * transfer on localhost. The first request of each page is reported apart
 * (cold caches); median and p95 are over the 10 requests after it.
 */
import { createPrismaClient } from "@/lib/db/create-client";
import { seedDemoCohort } from "@/lib/demo/seed-demo-cohort";
import { requireServer, type BenchEnv } from "./support/bench-env";
import { createLearners, signInOverHttp } from "./support/learners";
import type { MeasurementResult, ResultRow } from "./support/report";
import { ms, percentile } from "./support/stats";

export const DASHBOARD_TARGET_MS = 300;
const RUNS = 10;

async function series(url: string, cookie: string): Promise<{ first: number; rest: number[] }> {
  const timed = async () => {
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
    return performance.now() - started;
  };
  const first = await timed();
  const rest: number[] = [];
  for (let i = 0; i < RUNS; i++) rest.push(await timed());
  return { first, rest };
}

export async function measureDashboards(env: BenchEnv): Promise<MeasurementResult> {
  const server = requireServer(env);
  const section = "5. Dashboards";
  const learners = env.quick ? 100 : 1000;
  const [instructorEmail] = await createLearners(server.databaseUrl, "dash-instructor", 1, "INSTRUCTOR");
  const db = createPrismaClient(server.databaseUrl);
  try {
    const seeded = await seedDemoCohort(db, { learners, submissionsPerExercise: 10, instructorEmail });
    env.log(`dashboards: seeded ${seeded.learners} learners, ${seeded.submissions} submissions in ${ms(seeded.ms)}`);
    const exercise = await db.exercise.findFirstOrThrow({
      where: { archivedAt: null },
      orderBy: { path: "asc" },
      select: { id: true, path: true },
    });
    const { cookie } = await signInOverHttp(server.url, instructorEmail);
    const base = `${server.url}/instructor/cohorts/${seeded.cohortId}/dashboard`;
    const overview = await series(base, cookie);
    const perExercise = await series(`${base}/exercises/${exercise.id}`, cookie);
    const row = (metric: string, s: { first: number; rest: number[] }): ResultRow => ({
      section,
      metric: `${metric}: median / p95 of ${RUNS}`,
      value: `${ms(percentile(s.rest, 50))} / ${ms(percentile(s.rest, 95))}`,
      comparison: `first request ${ms(s.first)}; ${seeded.learners} learners, ${seeded.submissions} submissions (seeded in ${ms(seeded.ms)})`,
      target: "≤ 300 ms",
      met: percentile(s.rest, 50) <= DASHBOARD_TARGET_MS,
    });
    return {
      rows: [row("cohort overview page", overview), row(`per-exercise page (${exercise.path})`, perExercise)],
      raw: { seeded, overview, perExercise },
    };
  } finally {
    await db.$disconnect();
  }
}

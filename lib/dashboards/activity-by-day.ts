/**
 * Active learners and submissions per UTC day over the last N days, counted
 * in the database. The days are a small VALUES table of [start, end) bounds
 * (parameters, so no SQLite- or PostgreSQL-only date function is needed;
 * typed as timestamps on PostgreSQL, lib/db/sql-dialect.ts).
 * For each (day, member) one range count on Submission(userId, createdAt)
 * gives that member's submissions of the day; the day's figures are the sum
 * of those counts and the number of them above zero.
 *
 * The per-(day, member) counts are a MATERIALIZED CTE (SQLite ≥ 3.35,
 * PostgreSQL ≥ 12) because, inlined, the planner evaluated the correlated
 * count once per aggregate that reads it, i.e. twice.
 *
 * Why not one GROUP BY over the window's submissions (the first version): it
 * read every submission of the window through a CASE per row, then sorted
 * them twice in temporary B-trees (GROUP BY and COUNT DISTINCT): 3× slower
 * than this on 1,000 learners' 131k submissions in 14 days.
 */
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/create-client";
import { timestampParam } from "../db/sql-dialect";
import { toNumber } from "../db/sql-values";

export const MAX_ACTIVITY_DAYS = 90;
const DAY_MS = 86_400_000;

export type DayActivity = { day: string; activeLearners: number; submissions: number };

export function dayBoundaries(days: number, now: Date): Date[] {
  const n = Math.min(Math.max(1, Math.floor(days)), MAX_ACTIVITY_DAYS);
  const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS;
  // n + 1 boundaries: the start of the first day ... the start of tomorrow.
  return Array.from({ length: n + 1 }, (_, i) => new Date(tomorrow - (n - i) * DAY_MS));
}

/** Activity of a cohort's learners (or of one of them) per day, oldest day first; days without activity are zeros. */
export async function activityByDay(
  db: Db,
  cohortId: string,
  days: number,
  now = new Date(),
  learnerId?: string,
): Promise<DayActivity[]> {
  const bounds = dayBoundaries(days, now);
  const dayRows = Prisma.join(
    bounds
      .slice(0, -1)
      .map((start, i) => Prisma.sql`(${i}, ${timestampParam(db, start)}, ${timestampParam(db, bounds[i + 1])})`),
    ", ",
  );
  const onlyLearner = learnerId ? Prisma.sql`AND m."userId" = ${learnerId}` : Prisma.empty;
  const rows = await db.$queryRaw<{ bucket: unknown; learners: unknown; submissions: unknown }[]>`
    WITH "days"("i", "lo", "hi") AS (VALUES ${dayRows}),
    "perMember" AS MATERIALIZED (
      SELECT d."i" AS "i",
        (SELECT COUNT(*) FROM "Submission" s
          WHERE s."userId" = m."userId" AND s."createdAt" >= d."lo" AND s."createdAt" < d."hi") AS "n"
      FROM "days" d CROSS JOIN "CohortMember" m
      WHERE m."cohortId" = ${cohortId} ${onlyLearner}
    )
    SELECT "i" AS "bucket", COUNT(NULLIF("n", 0)) AS "learners", SUM("n") AS "submissions"
    FROM "perMember"
    GROUP BY "i"`;
  const byBucket = new Map(rows.map((r) => [toNumber(r.bucket), r]));
  return bounds.slice(0, -1).map((start, i) => {
    const row = byBucket.get(i);
    return {
      day: start.toISOString().slice(0, 10),
      activeLearners: row ? toNumber(row.learners) : 0,
      submissions: row ? toNumber(row.submissions) : 0,
    };
  });
}

/**
 * Active learners and submissions per UTC day over the last N days, counted
 * in the database in one pass: a CASE expression maps each submission's
 * createdAt to its day's bucket (the day boundaries are parameters, so no
 * SQLite- or PostgreSQL-only date function is needed), then COUNT(DISTINCT)
 * per bucket.
 */
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/create-client";
import { toNumber } from "./sql-values";

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
  const buckets = Prisma.join(
    bounds.slice(1).map((end, i) => Prisma.sql`WHEN s."createdAt" < ${end} THEN ${i}`),
    " ",
  );
  const onlyLearner = learnerId ? Prisma.sql`AND s."userId" = ${learnerId}` : Prisma.empty;
  const rows = await db.$queryRaw<{ bucket: unknown; learners: unknown; submissions: unknown }[]>`
    SELECT CASE ${buckets} END AS "bucket",
           COUNT(DISTINCT s."userId") AS "learners",
           COUNT(*) AS "submissions"
    FROM "Submission" s
    JOIN "CohortMember" m ON m."userId" = s."userId" AND m."cohortId" = ${cohortId}
    WHERE s."createdAt" >= ${bounds[0]} AND s."createdAt" < ${bounds[bounds.length - 1]} ${onlyLearner}
    GROUP BY 1`;
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

/**
 * Active learners and submissions per UTC day over the last N days, counted
 * in the database. The days are a small VALUES table of [start, end) bounds
 * (parameters, so no SQLite- or PostgreSQL-only date function is needed);
 * for each day, two scalar subqueries count from the cohort's members:
 *
 * - active learners: members with a submission in the day (EXISTS: one index
 *   seek per member and day on Submission(userId, createdAt));
 * - submissions: a range count on the same index per member.
 *
 * Why not one GROUP BY over the window's submissions (the first version): it
 * read every submission of the window through a CASE per row, then sorted
 * them twice in temporary B-trees (GROUP BY and COUNT DISTINCT) — 260-350 ms
 * for 1,000 learners' 131k submissions in 14 days, against ~40 ms here.
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
  const dayRows = Prisma.join(
    bounds.slice(0, -1).map((start, i) => Prisma.sql`(${i}, ${start}, ${bounds[i + 1]})`),
    ", ",
  );
  const onlyLearner = learnerId ? Prisma.sql`AND m."userId" = ${learnerId}` : Prisma.empty;
  const rows = await db.$queryRaw<{ bucket: unknown; learners: unknown; submissions: unknown }[]>`
    WITH "days"("i", "lo", "hi") AS (VALUES ${dayRows})
    SELECT d."i" AS "bucket",
      (SELECT COUNT(*) FROM "CohortMember" m
        WHERE m."cohortId" = ${cohortId} ${onlyLearner}
          AND EXISTS (SELECT 1 FROM "Submission" s
            WHERE s."userId" = m."userId" AND s."createdAt" >= d."lo" AND s."createdAt" < d."hi")) AS "learners",
      (SELECT COUNT(*) FROM "CohortMember" m
        JOIN "Submission" s ON s."userId" = m."userId"
        WHERE m."cohortId" = ${cohortId} ${onlyLearner}
          AND s."createdAt" >= d."lo" AND s."createdAt" < d."hi") AS "submissions"
    FROM "days" d`;
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

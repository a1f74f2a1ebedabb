/**
 * Who needs a word from their instructor: learners with many failed
 * attempts on an exercise they have not passed, and learners who have not
 * submitted anything for days (or never, days after joining) while the
 * course is not finished. Both lists are database queries; a learner can be
 * on both.
 */
import { z } from "zod";
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { parseWith } from "../http/errors";
import { DONE_STATES, findDashboardCohort } from "./dashboard-cohort";
import { toDate, toNumber } from "../db/sql-values";

export const STRUGGLING_LIMIT = 100;

export const StrugglingQuerySchema = z.object({
  minFailedAttempts: z.coerce.number().int().min(1).max(1000).default(5),
  idleDays: z.coerce.number().int().min(1).max(365).default(7),
});

export type StrugglingLearner = {
  learner: { id: string; name: string; email: string };
  /** Exercises not passed after at least minFailedAttempts verified attempts, most attempts first. */
  stuckOn: { exerciseId: string; title: string; attempts: number }[];
  /** Set when the learner has been idle for idleDays or more. */
  idleSince: Date | null;
  /** True when the learner never submitted anything. */
  neverSubmitted: boolean;
};

export async function listStrugglingLearners(
  db: Db,
  actor: SessionUser,
  cohortId: unknown,
  query: unknown = {},
  now = new Date(),
): Promise<{ criteria: z.infer<typeof StrugglingQuerySchema>; learners: StrugglingLearner[] }> {
  const cohort = await findDashboardCohort(db, actor, cohortId);
  const criteria = parseWith(StrugglingQuerySchema, query);
  const cutoff = new Date(now.getTime() - criteria.idleDays * 86_400_000);
  const done = Prisma.join([...DONE_STATES]);

  const [stuck, idle] = await Promise.all([
    // From the cohort's members into Progress on its (userId, state, ...) index, not Prisma's relation filter,
    // which scanned every Progress row of every cohort and probed membership per row.
    db.$queryRaw<
      { userId: string; name: string; email: string; exerciseId: string; title: string; attempts: unknown }[]
    >`
      SELECT u."id" AS "userId", u."name" AS "name", u."email" AS "email",
             e."id" AS "exerciseId", e."title" AS "title", p."attempts" AS "attempts"
      FROM "CohortMember" m
      JOIN "Progress" p ON p."userId" = m."userId"
      JOIN "Exercise" e ON e."id" = p."exerciseId" AND e."archivedAt" IS NULL
      JOIN "User" u ON u."id" = m."userId"
      WHERE m."cohortId" = ${cohort.id} AND p."state" = 'ATTEMPTED' AND p."attempts" >= ${criteria.minFailedAttempts}
      ORDER BY p."attempts" DESC, p."userId", p."exerciseId"
      LIMIT ${STRUGGLING_LIMIT * 5}`,
    // Idle: the latest submission (any exercise) is older than the cutoff, or
    // there is none and the learner joined before it; learners who finished
    // every live exercise are not idle, they are done. The latest submission
    // is one seek per member on Submission(userId, createdAt); a LEFT JOIN
    // with GROUP BY read and sorted every submission of the cohort instead.
    db.$queryRaw<{ id: string; name: string; email: string; lastAt: unknown }[]>`
      SELECT t."id" AS "id", t."name" AS "name", t."email" AS "email", t."lastAt" AS "lastAt"
      FROM (
        SELECT u."id" AS "id", u."name" AS "name", u."email" AS "email", m."joinedAt" AS "joinedAt",
          (SELECT MAX(s."createdAt") FROM "Submission" s WHERE s."userId" = m."userId") AS "lastAt"
        FROM "CohortMember" m
        JOIN "User" u ON u."id" = m."userId"
        WHERE m."cohortId" = ${cohort.id}
          AND (
            SELECT COUNT(*) FROM "Progress" p JOIN "Exercise" e ON e."id" = p."exerciseId"
            WHERE p."userId" = m."userId" AND p."state" IN (${done}) AND e."archivedAt" IS NULL
          ) < (SELECT COUNT(*) FROM "Exercise" e2 WHERE e2."archivedAt" IS NULL)
      ) t
      WHERE (t."lastAt" IS NULL AND t."joinedAt" < ${cutoff}) OR t."lastAt" < ${cutoff}
      ORDER BY t."name"
      LIMIT ${STRUGGLING_LIMIT}`,
  ]);

  const byLearner = new Map<string, StrugglingLearner>();
  const entry = (learner: StrugglingLearner["learner"]) => {
    let e = byLearner.get(learner.id);
    if (!e) byLearner.set(learner.id, (e = { learner, stuckOn: [], idleSince: null, neverSubmitted: false }));
    return e;
  };
  for (const p of stuck) {
    entry({ id: p.userId, name: p.name, email: p.email }).stuckOn.push({
      exerciseId: p.exerciseId,
      title: p.title,
      attempts: toNumber(p.attempts),
    });
  }
  for (const r of idle) {
    const e = entry({ id: r.id, name: r.name, email: r.email });
    e.idleSince = toDate(r.lastAt);
    e.neverSubmitted = e.idleSince === null;
  }
  // Most stuck first (sum of failed attempts), then the idle ones by name.
  const learners = [...byLearner.values()]
    .sort((a, b) => {
      const sa = a.stuckOn.reduce((n, s) => n + s.attempts, 0);
      const sb = b.stuckOn.reduce((n, s) => n + s.attempts, 0);
      return sb - sa || a.learner.name.localeCompare(b.learner.name);
    })
    .slice(0, STRUGGLING_LIMIT);
  return { criteria, learners };
}

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
import { toDate } from "./sql-values";

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
    db.progress.findMany({
      where: {
        user: { memberships: { some: { cohortId: cohort.id } } },
        state: "ATTEMPTED",
        attempts: { gte: criteria.minFailedAttempts },
        exercise: { archivedAt: null },
      },
      orderBy: [{ attempts: "desc" }, { userId: "asc" }],
      take: STRUGGLING_LIMIT * 5,
      select: {
        attempts: true,
        exercise: { select: { id: true, title: true } },
        user: { select: { id: true, name: true, email: true } },
      },
    }),
    // Idle: the latest submission (any exercise) is older than the cutoff, or
    // there is none and the learner joined before it; learners who finished
    // every live exercise are not idle, they are done.
    db.$queryRaw<{ id: string; name: string; email: string; lastAt: unknown }[]>`
      SELECT u."id" AS "id", u."name" AS "name", u."email" AS "email", MAX(s."createdAt") AS "lastAt"
      FROM "CohortMember" m
      JOIN "User" u ON u."id" = m."userId"
      LEFT JOIN "Submission" s ON s."userId" = m."userId"
      WHERE m."cohortId" = ${cohort.id}
        AND (
          SELECT COUNT(*) FROM "Progress" p JOIN "Exercise" e ON e."id" = p."exerciseId"
          WHERE p."userId" = m."userId" AND p."state" IN (${done}) AND e."archivedAt" IS NULL
        ) < (SELECT COUNT(*) FROM "Exercise" e2 WHERE e2."archivedAt" IS NULL)
      GROUP BY u."id", u."name", u."email", m."joinedAt"
      HAVING (MAX(s."createdAt") IS NULL AND m."joinedAt" < ${cutoff}) OR MAX(s."createdAt") < ${cutoff}
      ORDER BY u."name"
      LIMIT ${STRUGGLING_LIMIT}`,
  ]);

  const byLearner = new Map<string, StrugglingLearner>();
  const entry = (learner: StrugglingLearner["learner"]) => {
    let e = byLearner.get(learner.id);
    if (!e) byLearner.set(learner.id, (e = { learner, stuckOn: [], idleSince: null, neverSubmitted: false }));
    return e;
  };
  for (const p of stuck) {
    entry(p.user).stuckOn.push({ exerciseId: p.exercise.id, title: p.exercise.title, attempts: p.attempts });
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

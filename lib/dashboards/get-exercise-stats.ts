/**
 * One exercise across a cohort: how many learners passed, how many attempts
 * and how long it took them, how many hints they used, and the misconceptions
 * view — the checks that fail most often, with the number of learners whose
 * latest submission still fails each (stuck on it now).
 *
 * Counts are SQL aggregates. The medians come from one row per passing
 * learner (their attempts and time to the first pass, each already
 * aggregated in SQL): a portable SQL median is awkward, and a cohort's
 * learners are few next to its submissions.
 */
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import type { Verdict } from "../db/generated/enums";
import { notFound } from "../auth/errors";
import { DONE_STATES, findDashboardCohort } from "./dashboard-cohort";
import { toDate, toNumber } from "../db/sql-values";

export const MISCONCEPTION_LIMIT = 10;
const FAILING = ["failed", "error", "timeout"];

export type Misconception = {
  check: string;
  visibility: string;
  /** Failing outcomes of this check over all submissions. */
  failures: number;
  /** Learners who ever failed it. */
  learnersFailed: number;
  /** Learners who have not passed and whose latest submission fails it. */
  learnersStuck: number;
};

export type ExerciseStats = {
  cohort: { id: string; name: string };
  exercise: { id: string; title: string; slug: string; sectionTitle: string };
  learnerCount: number;
  /** Learners with at least one verified submission. */
  learnersAttempted: number;
  learnersPassed: number;
  /** learnersPassed / learnersAttempted, null when nobody attempted. */
  passRate: number | null;
  submissions: number;
  verdicts: { verdict: Verdict | "PENDING"; count: number }[];
  medianAttemptsToPass: number | null;
  medianMsToPass: number | null;
  hintsRevealed: number;
  learnersUsingHints: number;
  misconceptions: Misconception[];
};

export async function getExerciseStats(
  db: Db,
  actor: SessionUser,
  cohortId: unknown,
  exerciseId: unknown,
): Promise<ExerciseStats> {
  const cohort = await findDashboardCohort(db, actor, cohortId);
  if (typeof exerciseId !== "string" || exerciseId.length === 0 || exerciseId.length > 64) throw notFound("Exercise");
  const exercise = await db.exercise.findUnique({
    where: { id: exerciseId },
    select: { id: true, title: true, slug: true, section: { select: { title: true } } },
  });
  if (!exercise) throw notFound("Exercise");

  const members = { user: { memberships: { some: { cohortId: cohort.id } } } };
  const progressWhere = { exerciseId: exercise.id, ...members };
  const [learnerCount, states, hints, learnersUsingHints, verdicts, passes, misconceptions] = await Promise.all([
    db.cohortMember.count({ where: { cohortId: cohort.id } }),
    db.progress.groupBy({ by: ["state"], where: { ...progressWhere, attempts: { gt: 0 } }, _count: { _all: true } }),
    db.progress.aggregate({ where: progressWhere, _sum: { hintsUsed: true } }),
    db.progress.count({ where: { ...progressWhere, hintsUsed: { gt: 0 } } }),
    // A join rather than Prisma's relation filter (several times faster on SQLite, see get-cohort-overview.ts).
    db.$queryRaw<{ verdict: Verdict | null; n: unknown }[]>`
      SELECT s."verdict" AS "verdict", COUNT(*) AS "n" FROM "Submission" s
      JOIN "CohortMember" m ON m."userId" = s."userId" AND m."cohortId" = ${cohort.id}
      WHERE s."exerciseId" = ${exercise.id}
      GROUP BY s."verdict"`,
    passesPerLearner(db, cohort.id, exercise.id),
    misconceptionsOf(db, cohort.id, exercise.id),
  ]);

  const learnersAttempted = states.reduce((n, s) => n + s._count._all, 0);
  // An override to PASSED without a passing submission still counts as passed (progress honours overrides).
  const learnersPassed = await db.progress.count({
    where: { ...progressWhere, state: { in: [...DONE_STATES] } },
  });
  const order: (Verdict | "PENDING")[] = ["PASSED", "FAILED", "ERROR", "TIMEOUT", "CRASHED", "PENDING"];
  return {
    cohort,
    exercise: { id: exercise.id, title: exercise.title, slug: exercise.slug, sectionTitle: exercise.section.title },
    learnerCount,
    learnersAttempted,
    learnersPassed,
    passRate: learnersAttempted === 0 ? null : learnersPassed / learnersAttempted,
    submissions: verdicts.reduce((n, v) => n + toNumber(v.n), 0),
    verdicts: verdicts
      .map((v) => ({ verdict: v.verdict ?? ("PENDING" as const), count: toNumber(v.n) }))
      .sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict)),
    medianAttemptsToPass: median(passes.map((p) => p.attempts)),
    medianMsToPass: median(passes.map((p) => p.ms)),
    hintsRevealed: hints._sum.hintsUsed ?? 0,
    learnersUsingHints,
    misconceptions,
  };
}

/**
 * Per learner who passed: verified submissions up to and including the
 * first pass, and the time from their first submission to that pass.
 * "Verified" is written `verdict IS NOT NULL` (only DONE rows have one), not
 * `state = 'DONE'`: with the latter SQLite chose the (state, createdAt) index
 * and scanned every verified submission older than the pass — 3 s instead of
 * 0.2 s on 40k submissions.
 */
async function passesPerLearner(db: Db, cohortId: string, exerciseId: string) {
  const rows = await db.$queryRaw<{ userId: string; passedAt: unknown; startedAt: unknown; attempts: unknown }[]>`
    SELECT fp."userId" AS "userId", fp."passedAt" AS "passedAt",
      (SELECT MIN(s1."createdAt") FROM "Submission" s1
        WHERE s1."userId" = fp."userId" AND s1."exerciseId" = ${exerciseId}) AS "startedAt",
      (SELECT COUNT(*) FROM "Submission" s2
        WHERE s2."userId" = fp."userId" AND s2."exerciseId" = ${exerciseId}
          AND s2."verdict" IS NOT NULL AND s2."createdAt" <= fp."passedAt") AS "attempts"
    FROM (
      SELECT s."userId" AS "userId", MIN(s."createdAt") AS "passedAt"
      FROM "Submission" s
      JOIN "CohortMember" m ON m."userId" = s."userId" AND m."cohortId" = ${cohortId}
      WHERE s."exerciseId" = ${exerciseId} AND s."verdict" = 'PASSED'
      GROUP BY s."userId"
    ) fp`;
  return rows.map((r) => {
    const passedAt = toDate(r.passedAt);
    const startedAt = toDate(r.startedAt);
    return {
      userId: r.userId,
      attempts: toNumber(r.attempts),
      ms: passedAt && startedAt ? passedAt.getTime() - startedAt.getTime() : 0,
    };
  });
}

async function misconceptionsOf(db: Db, cohortId: string, exerciseId: string): Promise<Misconception[]> {
  const failing = Prisma.join(FAILING);
  const done = Prisma.join([...DONE_STATES]);
  const [failures, stuck] = await Promise.all([
    db.$queryRaw<{ name: string; visibility: string; failures: unknown; learners: unknown }[]>`
      SELECT c."name" AS "name", MAX(c."visibility") AS "visibility",
             COUNT(*) AS "failures", COUNT(DISTINCT s."userId") AS "learners"
      FROM "Submission" s
      JOIN "CohortMember" m ON m."userId" = s."userId" AND m."cohortId" = ${cohortId}
      JOIN "CheckOutcome" c ON c."submissionId" = s."id"
      WHERE s."exerciseId" = ${exerciseId} AND c."status" IN (${failing})
      GROUP BY c."name"
      ORDER BY COUNT(*) DESC, c."name"
      LIMIT ${MISCONCEPTION_LIMIT}`,
    // The latest submission is Progress.lastSubmissionId: no per-learner "latest row" subquery needed.
    db.$queryRaw<{ name: string; learners: unknown }[]>`
      SELECT c."name" AS "name", COUNT(DISTINCT p."userId") AS "learners"
      FROM "Progress" p
      JOIN "CohortMember" m ON m."userId" = p."userId" AND m."cohortId" = ${cohortId}
      JOIN "CheckOutcome" c ON c."submissionId" = p."lastSubmissionId"
      WHERE p."exerciseId" = ${exerciseId} AND p."state" NOT IN (${done}) AND c."status" IN (${failing})
      GROUP BY c."name"`,
  ]);
  const stuckBy = new Map(stuck.map((r) => [r.name, toNumber(r.learners)]));
  return failures.map((r) => ({
    check: r.name,
    visibility: r.visibility,
    failures: toNumber(r.failures),
    learnersFailed: toNumber(r.learners),
    learnersStuck: stuckBy.get(r.name) ?? 0,
  }));
}

/** The median of a list of numbers (mean of the middle two for an even count); null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

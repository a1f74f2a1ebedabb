/**
 * Which submissions a regrade touches: the LATEST submission of every learner
 * in the actor's scope, per exercise. An instructor's scope is one of their
 * own cohorts (another instructor's cohort is a 404, like a missing one), or
 * without a cohort the learners of all their live cohorts; an admin's is
 * everyone. Only the latest attempt is re-verified: that is the one progress
 * and review look at, and earlier attempts stay the record of what happened.
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import { Prisma } from "../db/generated/client";
import type { SessionUser } from "../auth/session";
import { forbidden, notFound } from "../auth/errors";
import { can } from "../auth/permissions";
import { parseWith } from "../http/errors";
import { learnerIdsVisibleTo } from "../cohorts/learner-access";
import { findManagedCohort } from "../cohorts/cohort-scope";

const Id = z.string().trim().min(1).max(64);

export const RegradeScopeSchema = z
  .object({
    exerciseId: Id.optional(),
    cohortId: Id.optional(),
  })
  .refine((s) => s.exerciseId !== undefined || s.cohortId !== undefined, {
    message: "Choose an exercise, or a cohort to regrade all of its exercises.",
    path: ["exerciseId"],
  });
export type RegradeScope = z.output<typeof RegradeScopeSchema>;

export function assertCanRegrade(actor: SessionUser): void {
  if (!can(actor.role, "submission:review")) throw forbidden("regrade submissions");
}

/**
 * Which learners a scope covers: everyone (admin), the members of one
 * managed cohort, or an explicit set (an instructor's cohorts, from
 * learnerIdsVisibleTo — the one definition of who an instructor may see).
 */
export type LearnerScope = { kind: "all" } | { kind: "cohort"; cohortId: string } | { kind: "ids"; ids: string[] };
export type SubmissionScope = { exerciseId?: string; learners: LearnerScope };

/**
 * Validates the scope and resolves whose submissions it covers. Throws 400 for
 * a malformed scope, 404 for an exercise that does not exist or a cohort the
 * actor does not manage.
 */
export async function resolveRegradeScope(
  db: Db,
  actor: SessionUser,
  input: unknown,
): Promise<{ scope: RegradeScope; submissions: SubmissionScope }> {
  assertCanRegrade(actor);
  // Form fields arrive as "" when a select is left on its placeholder.
  const raw = (input ?? {}) as Record<string, unknown>;
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== "" && v !== null && v !== undefined));
  const scope = parseWith(RegradeScopeSchema, cleaned);

  if (scope.exerciseId) {
    const exists = await db.exercise.count({ where: { id: scope.exerciseId } });
    if (exists === 0) throw notFound("Exercise");
  }
  let learners: LearnerScope;
  if (scope.cohortId) {
    await findManagedCohort(db, actor, scope.cohortId, { id: true });
    learners = { kind: "cohort", cohortId: scope.cohortId };
  } else {
    learners = await learnerScopeOf(db, actor);
  }
  return { scope, submissions: { exerciseId: scope.exerciseId, learners } };
}

/** Every learner the actor may see: all for an admin, else the members of their live cohorts. */
export async function learnerScopeOf(db: Db, actor: SessionUser): Promise<LearnerScope> {
  const visible = await learnerIdsVisibleTo(db, actor);
  return visible === "all" ? { kind: "all" } : { kind: "ids", ids: [...visible] };
}

export type LatestSubmission = {
  id: string;
  userId: string;
  exerciseId: string;
  state: "QUEUED" | "RUNNING" | "DONE" | "ERRORED";
  verdict: "PASSED" | "FAILED" | "ERROR" | "TIMEOUT" | "CRASHED" | null;
  exerciseHash: string;
};

/**
 * The latest submission per (learner, exercise) in scope — "latest" as in
 * recomputeProgress: newest createdAt, ties broken by id. One SQL query: a
 * submission is latest when no newer one of the same pair exists, which the
 * (userId, exerciseId, createdAt) index answers per row, so the work grows
 * with the rows in scope without loading every attempt into Node. (The
 * `createdAt >=` is redundant logically; it lets SQLite seek the index range
 * instead of scanning every attempt of the pair.)
 */
export async function latestSubmissions(db: Db, scope: SubmissionScope): Promise<LatestSubmission[]> {
  const filters: Prisma.Sql[] = [];
  if (scope.exerciseId) filters.push(Prisma.sql`s."exerciseId" = ${scope.exerciseId}`);
  const { learners } = scope;
  if (learners.kind === "cohort") {
    filters.push(
      Prisma.sql`s."userId" IN (SELECT m."userId" FROM "CohortMember" m WHERE m."cohortId" = ${learners.cohortId})`,
    );
  } else if (learners.kind === "ids") {
    if (learners.ids.length === 0) return [];
    filters.push(Prisma.sql`s."userId" IN (${Prisma.join(learners.ids)})`);
  }
  const where = filters.length > 0 ? Prisma.sql`AND ${Prisma.join(filters, " AND ")}` : Prisma.empty;
  return db.$queryRaw<LatestSubmission[]>`
    SELECT s."id", s."userId", s."exerciseId", s."state", s."verdict", s."exerciseHash"
    FROM "Submission" s
    WHERE NOT EXISTS (
      SELECT 1 FROM "Submission" t
      WHERE t."userId" = s."userId" AND t."exerciseId" = s."exerciseId"
        AND t."createdAt" >= s."createdAt" AND (t."createdAt" > s."createdAt" OR t."id" > s."id")
    ) ${where}
    ORDER BY s."createdAt" DESC, s."id" DESC`;
}

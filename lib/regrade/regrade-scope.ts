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
import type { Prisma } from "../db/generated/client";
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
 * Validates the scope and turns it into a submission filter. Throws 400 for a
 * malformed scope, 404 for an exercise that does not exist or a cohort the
 * actor does not manage.
 */
export async function resolveRegradeScope(
  db: Db,
  actor: SessionUser,
  input: unknown,
): Promise<{ scope: RegradeScope; where: Prisma.SubmissionWhereInput }> {
  assertCanRegrade(actor);
  // Form fields arrive as "" when a select is left on its placeholder.
  const raw = (input ?? {}) as Record<string, unknown>;
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== "" && v !== null && v !== undefined));
  const scope = parseWith(RegradeScopeSchema, cleaned);

  const where: Prisma.SubmissionWhereInput = {};
  if (scope.exerciseId) {
    const exists = await db.exercise.count({ where: { id: scope.exerciseId } });
    if (exists === 0) throw notFound("Exercise");
    where.exerciseId = scope.exerciseId;
  }
  if (scope.cohortId) {
    await findManagedCohort(db, actor, scope.cohortId, { id: true });
    where.user = { memberships: { some: { cohortId: scope.cohortId } } };
  } else {
    const visible = await learnerIdsVisibleTo(db, actor);
    if (visible !== "all") where.userId = { in: [...visible] };
  }
  return { scope, where };
}

export type LatestSubmission = {
  id: string;
  userId: string;
  exerciseId: string;
  state: "QUEUED" | "RUNNING" | "DONE" | "ERRORED";
  verdict: "PASSED" | "FAILED" | "ERROR" | "TIMEOUT" | "CRASHED" | null;
  exerciseHash: string;
};

/** The latest submission per (learner, exercise) matching `where`, newest first. */
export async function latestSubmissions(db: Db, where: Prisma.SubmissionWhereInput): Promise<LatestSubmission[]> {
  // `distinct` keeps the first row of each (user, exercise) in this order:
  // the newest one (ties broken by id, like recomputeProgress's "latest").
  return db.submission.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    distinct: ["userId", "exerciseId"],
    select: { id: true, userId: true, exerciseId: true, state: true, verdict: true, exerciseHash: true },
  });
}

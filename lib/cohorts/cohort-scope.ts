/**
 * Which cohorts an actor manages: an instructor their own, an admin
 * (`cohort:all`) every one. Every instructor-side query goes through
 * `findManagedCohort`, so another instructor's cohort answers 404 — the same
 * as a cohort that does not exist, so ids cannot be probed.
 */
import type { Db } from "../db/create-client";
import type { Prisma } from "../db/generated/client";
import { forbidden, notFound } from "../auth/errors";
import { can } from "../auth/permissions";
import type { SessionUser } from "../auth/session";

export function assertCanManageCohorts(actor: SessionUser): void {
  if (!can(actor.role, "cohort:manage")) throw forbidden("manage cohorts");
}

/** The where-clause restricting cohorts to those the actor manages. */
export function managedCohortsWhere(actor: SessionUser): Prisma.CohortWhereInput {
  assertCanManageCohorts(actor);
  return can(actor.role, "cohort:all") ? {} : { ownerId: actor.id };
}

export async function findManagedCohort<S extends Prisma.CohortSelect>(
  db: Db,
  actor: SessionUser,
  cohortId: unknown,
  select: S,
): Promise<Prisma.CohortGetPayload<{ select: S }>> {
  const where = managedCohortsWhere(actor);
  if (typeof cohortId !== "string" || cohortId.length === 0 || cohortId.length > 64) throw notFound("Cohort");
  const cohort = await db.cohort.findFirst({ where: { ...where, id: cohortId }, select });
  if (!cohort) throw notFound("Cohort");
  return cohort as Prisma.CohortGetPayload<{ select: S }>;
}

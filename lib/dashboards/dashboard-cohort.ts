/**
 * The gate and the shared lookups of every dashboard: the actor must manage
 * cohorts (a learner gets 403) and this cohort must be theirs (another
 * instructor's cohort is a 404, like one that does not exist); admins see all.
 */
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { forbidden, notFound } from "../auth/errors";
import { can } from "../auth/permissions";
import { findManagedCohort } from "../cohorts/cohort-scope";

export type DashboardCohort = { id: string; name: string };

export async function findDashboardCohort(db: Db, actor: SessionUser, cohortId: unknown): Promise<DashboardCohort> {
  if (!can(actor.role, "cohort:manage")) throw forbidden("see cohort dashboards");
  return findManagedCohort(db, actor, cohortId, { id: true, name: true });
}

export type CourseExercise = { id: string; slug: string; title: string; sectionId: string; sectionTitle: string };

/** The live course in its order: the columns of every grid and export. */
export async function listCourseExercises(db: Db): Promise<CourseExercise[]> {
  const rows = await db.exercise.findMany({
    where: { archivedAt: null, section: { archivedAt: null } },
    orderBy: [{ section: { order: "asc" } }, { order: "asc" }],
    select: { id: true, slug: true, title: true, sectionId: true, section: { select: { title: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    sectionId: r.sectionId,
    sectionTitle: r.section.title,
  }));
}

/** A learner of this cohort, or 404 (a learner of another cohort is not the actor's business). */
export async function findCohortLearner(db: Db, cohortId: string, learnerId: unknown) {
  if (typeof learnerId !== "string" || learnerId.length === 0 || learnerId.length > 64) throw notFound("Learner");
  const member = await db.cohortMember.findUnique({
    where: { cohortId_userId: { cohortId, userId: learnerId } },
    select: { joinedAt: true, user: { select: { id: true, name: true, email: true, lastActiveAt: true } } },
  });
  if (!member) throw notFound("Learner");
  return { ...member.user, joinedAt: member.joinedAt };
}

/** Passed counts as done for every figure: REVIEWED is a passed exercise an instructor has looked at. */
export const DONE_STATES = ["PASSED", "REVIEWED"] as const;

/**
 * Which learners a reviewer may look at: an instructor only the members of
 * their own cohorts, an admin everyone. Review features (submissions,
 * feedback, overrides) call these before reading a learner's data.
 */
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { notFound } from "../auth/errors";
import { can } from "../auth/permissions";
import { assertCanManageCohorts } from "./cohort-scope";

/** "all" for admins; otherwise the ids of the learners in the actor's live cohorts. */
export async function learnerIdsVisibleTo(db: Db, actor: SessionUser): Promise<"all" | Set<string>> {
  assertCanManageCohorts(actor);
  if (can(actor.role, "cohort:all")) return "all";
  const rows = await db.cohortMember.findMany({
    where: { cohort: { ownerId: actor.id, archivedAt: null } },
    select: { userId: true },
    distinct: ["userId"],
  });
  return new Set(rows.map((r) => r.userId));
}

/** 404 (not 403) for a learner outside the actor's cohorts: whether a user exists is not the actor's business. */
export async function assertCanViewLearner(db: Db, actor: SessionUser, learnerId: string): Promise<void> {
  assertCanManageCohorts(actor);
  if (can(actor.role, "cohort:all")) {
    const exists = await db.user.count({ where: { id: learnerId } });
    if (exists === 0) throw notFound("Learner");
    return;
  }
  const shared = await db.cohortMember.count({
    where: { userId: learnerId, cohort: { ownerId: actor.id, archivedAt: null } },
  });
  if (shared === 0) throw notFound("Learner");
}

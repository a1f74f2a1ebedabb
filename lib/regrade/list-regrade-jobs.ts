/**
 * The regrade jobs an actor may see (their own; an admin every one), newest
 * first, optionally for one exercise — for the regrade pages' "recent" lists.
 */
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { regradeJobsVisibleTo } from "./get-regrade-job";

export async function listRegradeJobs(
  db: Db,
  actor: SessionUser,
  options: { exerciseId?: string; take?: number } = {},
) {
  const where = regradeJobsVisibleTo(actor);
  return db.regradeJob.findMany({
    where: { ...where, ...(options.exerciseId ? { exerciseId: options.exerciseId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(options.take ?? 20, 1), 100),
    select: {
      id: true,
      state: true,
      total: true,
      done: true,
      changed: true,
      createdAt: true,
      finishedAt: true,
      exercise: { select: { id: true, title: true } },
      cohort: { select: { id: true, name: true } },
    },
  });
}

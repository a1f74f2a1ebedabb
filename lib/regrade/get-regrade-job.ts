/**
 * A regrade job as its page shows it: progress (n of m), and every item whose
 * verdict changed (old → new) or could not be regraded, with the learner and
 * exercise to link to the submission's review page.
 *
 * Who may see a job: the instructor who started it, or an admin. Anyone else
 * gets a 404, like a job that does not exist. The items were limited to the
 * requester's scope when the job was created; a learner who has since left the
 * instructor's cohorts is still listed, as the regrade did touch them.
 */
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import type { JobState, Verdict } from "../db/generated/enums";
import { notFound } from "../auth/errors";
import { can } from "../auth/permissions";
import { assertCanRegrade } from "./regrade-scope";

const VERDICTS: Verdict[] = ["PASSED", "FAILED", "ERROR", "TIMEOUT", "CRASHED"];

export type RegradeChange = {
  itemId: string;
  submissionId: string;
  learnerName: string;
  exerciseTitle: string;
  before: Verdict | null;
  after: Verdict | null;
  error: string | null;
};

export type RegradeJobView = {
  id: string;
  state: JobState;
  total: number;
  done: number;
  changed: number;
  createdAt: Date;
  finishedAt: Date | null;
  requestedBy: string;
  exercise: { id: string; title: string } | null;
  cohort: { id: string; name: string } | null;
  /** Changed verdicts and failed items, in item order. */
  changes: RegradeChange[];
};

export function regradeJobsVisibleTo(actor: SessionUser) {
  assertCanRegrade(actor);
  return can(actor.role, "cohort:all") ? {} : { requestedById: actor.id };
}

export async function getRegradeJob(db: Db, actor: SessionUser, jobId: unknown): Promise<RegradeJobView> {
  const where = regradeJobsVisibleTo(actor);
  if (typeof jobId !== "string" || jobId.length === 0 || jobId.length > 64) throw notFound("Regrade");
  const job = await db.regradeJob.findFirst({
    where: { ...where, id: jobId },
    select: {
      id: true,
      state: true,
      total: true,
      done: true,
      changed: true,
      createdAt: true,
      finishedAt: true,
      requestedBy: { select: { name: true } },
      exercise: { select: { id: true, title: true } },
      cohort: { select: { id: true, name: true } },
    },
  });
  if (!job) throw notFound("Regrade");

  // Changed or failed items only: an unchanged verdict needs no attention.
  // Filtered in SQL (a job may hold thousands of items): one clause per old
  // verdict, because Prisma compares two nullable enum columns no other way;
  // a NULL on either side is its own clause (`<>` is never true with NULL).
  const items = await db.regradeItem.findMany({
    where: {
      jobId: job.id,
      finishedAt: { not: null },
      OR: [
        { error: { not: null } },
        { beforeVerdict: null, afterVerdict: { not: null } },
        ...VERDICTS.map((v) => ({ beforeVerdict: v, afterVerdict: { not: v } })),
      ],
    },
    orderBy: { id: "asc" },
    select: {
      id: true,
      beforeVerdict: true,
      afterVerdict: true,
      error: true,
      submission: {
        select: { id: true, user: { select: { name: true } }, exercise: { select: { title: true } } },
      },
    },
  });
  const changes = items.map((i) => ({
    itemId: i.id,
    submissionId: i.submission.id,
    learnerName: i.submission.user.name,
    exerciseTitle: i.submission.exercise.title,
    before: i.beforeVerdict,
    after: i.afterVerdict,
    error: i.error,
  }));
  return {
    id: job.id,
    state: job.state,
    total: job.total,
    done: job.done,
    changed: job.changed,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    requestedBy: job.requestedBy.name,
    exercise: job.exercise,
    cohort: job.cohort,
    changes,
  };
}

/**
 * An instructor asks for a regrade: one exercise (optionally one cohort), or
 * every exercise of a cohort. The job and one item per latest submission are
 * written in one transaction BEFORE anything runs — the rows are the durable
 * record, and each item is queued as a job (lib/jobs) in the same transaction,
 * so a worker that dies mid-regrade only delays the items it held.
 *
 * Which latest submissions become items:
 * - DONE and ERRORED ones: re-verified against the exercise's current checks;
 * - QUEUED or RUNNING ones are left out: their own verification jobs are about
 *   to grade them, and those always use the current checks anyway.
 */
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { HttpError } from "../http/errors";
import { enqueueJobs, regradeItemJob } from "../jobs/enqueue";
import { latestSubmissions, resolveRegradeScope } from "./regrade-scope";

export type StartedRegrade = { jobId: string; total: number };

export async function startRegrade(db: Db, actor: SessionUser, input: unknown): Promise<StartedRegrade> {
  const { scope, submissions } = await resolveRegradeScope(db, actor, input);

  // The same regrade twice at once would only verify everything twice.
  const active = await db.regradeJob.findFirst({
    where: {
      requestedById: actor.id,
      exerciseId: scope.exerciseId ?? null,
      cohortId: scope.cohortId ?? null,
      state: { in: ["QUEUED", "RUNNING"] },
    },
    select: { id: true },
  });
  if (active) throw new HttpError(409, "This regrade is already running; wait for it to finish.", { jobId: active.id });

  const latest = (await latestSubmissions(db, submissions)).filter((s) => s.state === "DONE" || s.state === "ERRORED");

  const job = await db.$transaction(async (tx) => {
    const created = await tx.regradeJob.create({
      data: {
        requestedById: actor.id,
        exerciseId: scope.exerciseId ?? null,
        cohortId: scope.cohortId ?? null,
        total: latest.length,
        // Nothing to do is a finished job, not one that waits forever.
        ...(latest.length === 0 ? { state: "DONE" as const, finishedAt: new Date() } : {}),
      },
      select: { id: true },
    });
    if (latest.length > 0) {
      const items = await tx.regradeItem.createManyAndReturn({
        data: latest.map((s) => ({ jobId: created.id, submissionId: s.id, beforeVerdict: s.verdict })),
        select: { id: true },
      });
      // One queued job per item: any worker runs them, after learners' own submissions.
      await enqueueJobs(
        tx,
        items.map((item) => regradeItemJob(item.id)),
      );
    }
    return created;
  });
  return { jobId: job.id, total: latest.length };
}

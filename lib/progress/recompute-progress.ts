/**
 * Progress is derived, never incremented: every change recomputes the row for
 * (user, exercise) from the submissions themselves. A retried verification, a
 * double click or two tabs submitting at once therefore cannot double count —
 * the row always equals what the submissions say.
 *
 * Rules:
 * - attempts = number of verified (DONE) submissions;
 * - passed when an instructor's override says PASSED, or — with no override —
 *   when any DONE submission's server verdict is PASSED (an override is an
 *   instructor's decision about this learner's work, so it wins both ways);
 * - firstPassedAt = the earliest passing verification (kept from before when
 *   only an override made it pass);
 * - REVIEWED is an instructor's mark on a passed exercise: kept while it
 *   passes, dropped when it no longer does (an override to failed), so a
 *   learner never sees "Reviewed" beside a grade that is not a pass;
 * - hintsUsed = hints revealed so far.
 */
import type { Db } from "../db/create-client";
import type { Prisma } from "../db/generated/client";
import type { ProgressState } from "../db/generated/enums";
import { serializeOn } from "../db/sql-dialect";

export type DbOrTx = Db | Prisma.TransactionClient;

export async function recomputeProgress(tx: DbOrTx, userId: string, exerciseId: string) {
  // Two verdicts of one (user, exercise) stored at once must not both read the rows as before the other.
  await serializeOn(tx, `progress:${userId}:${exerciseId}`);
  const [submissions, existing, hintsUsed] = await Promise.all([
    // Newest first: the first is the latest submission, the DONE ones count.
    tx.submission.findMany({
      where: { userId, exerciseId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, state: true, verdict: true, verifiedAt: true },
    }),
    tx.progress.findUnique({
      where: { userId_exerciseId: { userId, exerciseId } },
      select: { state: true, overrideVerdict: true, firstPassedAt: true },
    }),
    tx.hintReveal.count({ where: { userId, exerciseId } }),
  ]);

  const done = submissions.filter((s) => s.state === "DONE");
  const latest = submissions[0];
  const passingTimes = done.filter((s) => s.verdict === "PASSED" && s.verifiedAt).map((s) => s.verifiedAt!.getTime());
  const override = existing?.overrideVerdict ?? null;
  const passed = override ? override === "PASSED" : passingTimes.length > 0;
  const firstPassedAt = !passed
    ? null
    : passingTimes.length > 0
      ? new Date(Math.min(...passingTimes))
      : (existing?.firstPassedAt ?? new Date());

  let state: ProgressState;
  if (existing?.state === "REVIEWED" && passed) state = "REVIEWED";
  else if (passed) state = "PASSED";
  else if (done.length > 0) state = "ATTEMPTED";
  else state = "NOT_STARTED";

  const data = {
    state,
    attempts: done.length,
    hintsUsed,
    firstPassedAt,
    lastSubmissionId: latest?.id ?? null,
  };
  return tx.progress.upsert({
    where: { userId_exerciseId: { userId, exerciseId } },
    create: { userId, exerciseId, ...data },
    update: data,
  });
}

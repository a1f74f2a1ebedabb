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
import { Prisma } from "../db/generated/client";
import type { ProgressState, Verdict } from "../db/generated/enums";
import { toDate, toNumber } from "../db/sql-values";
import { serializeOn } from "../db/sql-dialect";

export type DbOrTx = Db | Prisma.TransactionClient;

export async function recomputeProgress(tx: DbOrTx, userId: string, exerciseId: string) {
  // Two verdicts of one (user, exercise) stored at once must not both read the rows as before the other.
  await serializeOn(tx, `progress:${userId}:${exerciseId}`);
  const facts = await readFacts(tx, userId, exerciseId);
  const override = facts.overrideVerdict;
  const passed = override ? override === "PASSED" : facts.firstPassingAt !== null;
  const firstPassedAt = !passed ? null : (facts.firstPassingAt ?? facts.keptFirstPassedAt ?? new Date());

  let state: ProgressState;
  if (facts.state === "REVIEWED" && passed) state = "REVIEWED";
  else if (passed) state = "PASSED";
  else if (facts.done > 0) state = "ATTEMPTED";
  else state = "NOT_STARTED";

  const progress = {
    state,
    attempts: facts.done,
    hintsUsed: facts.hintsUsed,
    firstPassedAt,
    lastSubmissionId: facts.latestId,
  };
  // Raw, as the read: this runs in every verdict's storing transaction.
  await tx.$executeRaw`
    INSERT INTO "Progress" ("userId", "exerciseId", "state", "attempts", "hintsUsed", "firstPassedAt", "lastSubmissionId", "updatedAt")
    VALUES (${userId}, ${exerciseId}, ${state}, ${progress.attempts}, ${progress.hintsUsed}, ${firstPassedAt},
      ${progress.lastSubmissionId}, ${new Date()})
    ON CONFLICT ("userId", "exerciseId") DO UPDATE SET "state" = excluded."state", "attempts" = excluded."attempts",
      "hintsUsed" = excluded."hintsUsed", "firstPassedAt" = excluded."firstPassedAt",
      "lastSubmissionId" = excluded."lastSubmissionId", "updatedAt" = excluded."updatedAt"`;
  return progress;
}

type Facts = {
  /** Verified (DONE) submissions. */
  done: number;
  /** The earliest passing verification, if any. */
  firstPassingAt: Date | null;
  /** The newest submission (ties broken by id), if any. */
  latestId: string | null;
  hintsUsed: number;
  /** The row as it is (null fields when there is none). */
  state: ProgressState | null;
  overrideVerdict: Verdict | null;
  keptFirstPassedAt: Date | null;
};

/** Everything the rules read, in one statement: this runs inside every verdict's storing transaction. */
async function readFacts(tx: DbOrTx, userId: string, exerciseId: string): Promise<Facts> {
  const mine = Prisma.sql`"userId" = ${userId} AND "exerciseId" = ${exerciseId}`;
  const [row] = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT
      (SELECT COUNT(*) FROM "Submission" WHERE ${mine} AND "state" = 'DONE') AS "done",
      (SELECT MIN("verifiedAt") FROM "Submission" WHERE ${mine} AND "state" = 'DONE' AND "verdict" = 'PASSED')
        AS "firstPassingAt",
      (SELECT "id" FROM "Submission" WHERE ${mine} ORDER BY "createdAt" DESC, "id" DESC LIMIT 1) AS "latestId",
      (SELECT COUNT(*) FROM "HintReveal" WHERE ${mine}) AS "hintsUsed",
      CAST(p."state" AS TEXT) AS "state",
      CAST(p."overrideVerdict" AS TEXT) AS "overrideVerdict",
      p."firstPassedAt" AS "keptFirstPassedAt"
    FROM (SELECT 1 AS "one") AS "o"
    LEFT JOIN "Progress" AS p ON p."userId" = ${userId} AND p."exerciseId" = ${exerciseId}`;
  return {
    done: toNumber(row.done),
    firstPassingAt: toDate(row.firstPassingAt),
    latestId: (row.latestId as string | null) ?? null,
    hintsUsed: toNumber(row.hintsUsed),
    state: (row.state as ProgressState | null) ?? null,
    overrideVerdict: (row.overrideVerdict as Verdict | null) ?? null,
    keptFirstPassedAt: toDate(row.keptFirstPassedAt),
  };
}

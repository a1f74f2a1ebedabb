/**
 * The one place a verdict is obtained and stored, for a submission's first
 * verification and for a regrade alike (they used to differ: a verifier that
 * died twice was ERRORED for a submission but stored as a CRASHED verdict by
 * a regrade, which could turn a PASSED submission into ATTEMPTED).
 *
 * - `verifyOnPool` asks the pool and tells a verdict (anything the learner's
 *   code did, crashes of the interpreter included) from a verifier failure
 *   (the pool could not run it, or its processes died twice without an
 *   answer: not the learner's verdict, so nothing is stored as one);
 * - `storeVerdict` writes the verdict, its result, the check outcomes and
 *   the recomputed progress in the caller's transaction, so they are never
 *   seen apart; the caller's transaction also holds the job's lease check
 *   (lib/jobs/lease.ts), so only the lease holder's verdict is stored.
 */
import crypto from "node:crypto";
import type { Db } from "../db/create-client";
import { Prisma } from "../db/generated/client";
import type { Verdict } from "../db/generated/enums";
import type { CheckFile, CheckResult, RunStatus } from "../grading/result";
import { notifyVerdictSettled } from "../db/job-queue-sql";
import { recomputeProgress } from "../progress/recompute-progress";
import type { VerifierPool } from "../verifier/pool";

export const VERIFICATION_FAILED_MESSAGE =
  "The server could not check this submission. Your code is saved; please submit it again in a few minutes.";

export const VERIFIER_CRASHED_MESSAGE =
  "The server could not check this submission: the checking process stopped twice without an answer. " +
  "This can happen when code uses a great deal of memory or stops the Python interpreter. " +
  "Your code is saved; check it with Run, then submit it again.";

const VERDICT_BY_STATUS: Record<RunStatus, Verdict> = {
  passed: "PASSED",
  failed: "FAILED",
  error: "ERROR",
  timeout: "TIMEOUT",
  crashed: "CRASHED",
};

export function verdictOf(result: CheckResult): Verdict {
  return VERDICT_BY_STATUS[result.status];
}

export type VerificationJob = {
  code: string;
  checks: CheckFile[];
  timeLimitMs: number;
  memoryLimitMb: number;
};

export type PoolOutcome =
  | { kind: "verdict"; result: CheckResult; verdict: Verdict; durationMs: number }
  /** No verdict: `learnerMessage` is what the learner may read; `reason` goes to the log. */
  | { kind: "failed"; reason: string; learnerMessage: string; retryable: boolean };

export async function verifyOnPool(pool: VerifierPool, job: VerificationJob): Promise<PoolOutcome> {
  const startedAt = performance.now();
  try {
    const { result, processFailure } = await pool.verifyDetailed({
      code: job.code,
      checks: job.checks,
      timeLimitMs: job.timeLimitMs,
      memoryLimitBytes: job.memoryLimitMb * 1024 * 1024,
    });
    if (processFailure !== null) {
      return {
        kind: "failed",
        reason: `verifier process died twice: ${processFailure}`,
        learnerMessage: VERIFIER_CRASHED_MESSAGE,
        retryable: false,
      };
    }
    // Wall time as the learner experienced it, including a wait for a warm process.
    return {
      kind: "verdict",
      result,
      verdict: verdictOf(result),
      durationMs: Math.round(performance.now() - startedAt),
    };
  } catch (error) {
    return {
      kind: "failed",
      reason: error instanceof Error ? error.message : String(error),
      learnerMessage: VERIFICATION_FAILED_MESSAGE,
      retryable: true,
    };
  }
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type StoredVerdict = {
  submissionId: string;
  userId: string;
  exerciseId: string;
  result: CheckResult;
  verdict: Verdict;
  /** The exercise's content hash the verdict belongs to (a later change makes it regradable). */
  exerciseHash: string;
  /** Set on a first verification; a regrade keeps the duration of the learner's own attempt. */
  durationMs?: number;
  /** A regrade replaces the outcomes of an earlier verification; a first verification has none to delete. */
  regrade: boolean;
  /** The first verification's time dates the learner's pass; a regrade keeps it (or sets it if there was none). */
  verifiedAt: Date | null;
};

/** Writes a verdict with its outcomes and the learner's recomputed progress, inside `tx`. */
export async function storeVerdict(tx: Tx, stored: StoredVerdict): Promise<void> {
  const { submissionId, result } = stored;
  // Raw: the hottest write of the queue (a compiled Prisma update costs three
  // times its round trip), and nothing needs to come back.
  const durationMs = stored.durationMs ?? null;
  await tx.$executeRaw`UPDATE "Submission"
    SET "state" = 'DONE', "verdict" = ${stored.verdict}, "result" = ${JSON.stringify(result)},
      "durationMs" = COALESCE(${durationMs}, "durationMs"), "verifiedAt" = ${stored.verifiedAt ?? new Date()},
      "exerciseHash" = ${stored.exerciseHash}, "errorMessage" = NULL
    WHERE "id" = ${submissionId}`;
  if (stored.regrade) await tx.checkOutcome.deleteMany({ where: { submissionId } });
  if (result.tests.length > 0) {
    // Raw for the same reason (at most 500 rows: CheckResultSchema); the ids are opaque, so a UUID
    // serves as well as Prisma's cuid.
    const rows = result.tests.map(
      (t) => Prisma.sql`(${crypto.randomUUID()}, ${submissionId}, ${t.name}, ${t.status}, ${t.visibility})`,
    );
    await tx.$executeRaw`INSERT INTO "CheckOutcome" ("id", "submissionId", "name", "status", "visibility")
      VALUES ${Prisma.join(rows)}`;
  }
  await recomputeProgress(tx, stored.userId, stored.exerciseId);
  // Wakes the learner's long-poll on every web instance once this commits.
  await notifyVerdictSettled(tx, submissionId);
}

/**
 * What the server verifier runs a submission against: the exercise's checks
 * (hidden ones included) and limits, for one content hash. A submission's
 * verification and a regrade item both take it from here.
 *
 * Kept per process, by exercise, for the hash it was read with: the checks
 * are the largest thing a job reads and parses, the same for every learner's
 * submission of the exercise, and the hash covers them and the limits
 * (lib/exercises/load.ts), so an entry for the hash the claim just read is
 * exactly what the database holds. A changed exercise has a new hash and is
 * read again.
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import { CheckFileSchema, type CheckFile } from "../grading/result";

export type VerificationSpec = {
  /** The hash the checks and limits belong to (the verdict is stored with it). */
  contentHash: string;
  checks: CheckFile[];
  timeLimitMs: number;
  memoryLimitMb: number;
};

export type SpecLookup = { ok: true; spec: VerificationSpec } | { ok: false; error: string };

const byExercise = new Map<string, VerificationSpec>();

/** The spec for `exerciseId` at `contentHash` (its current hash), read from the database unless already known. */
export async function verificationSpec(
  db: Pick<Db, "exercise">,
  exerciseId: string,
  contentHash: string,
): Promise<SpecLookup> {
  const known = byExercise.get(exerciseId);
  if (known?.contentHash === contentHash) return { ok: true, spec: known };

  const row = await db.exercise.findUniqueOrThrow({
    where: { id: exerciseId },
    select: { checks: true, timeLimitMs: true, memoryLimitMb: true, contentHash: true },
  });
  const checks = z.array(CheckFileSchema).safeParse(row.checks);
  // Content problem, not a transient one: not kept, the caller gives up on the job.
  if (!checks.success) return { ok: false, error: `exercise checks do not parse: ${checks.error.message}` };
  // The row's own hash: the content may have changed since the caller read its hash.
  const spec = {
    contentHash: row.contentHash,
    checks: checks.data,
    timeLimitMs: row.timeLimitMs,
    memoryLimitMb: row.memoryLimitMb,
  };
  byExercise.set(exerciseId, spec);
  return { ok: true, spec };
}

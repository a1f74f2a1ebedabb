/**
 * Read one's own submissions. Another learner's submission is a 404, not a
 * 403: admitting it exists would let ids be probed.
 */
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { notFound } from "../auth/errors";
import { assertCanSolve, findLiveExercise } from "./exercise-access";
import { SUBMISSION_DTO_SELECT, toSubmissionDTO, type SubmissionDTO } from "./submission-dto";

/** History is for reading and diffing, not an export: the newest 200 are plenty. */
export const SUBMISSION_HISTORY_LIMIT = 200;

export async function getSubmission(db: Db, user: SessionUser, submissionId: string): Promise<SubmissionDTO> {
  if (typeof submissionId !== "string" || submissionId.length === 0 || submissionId.length > 64) {
    throw notFound("Submission");
  }
  // The owner is part of the query, not a check afterwards.
  const row = await db.submission.findFirst({
    where: { id: submissionId, userId: user.id },
    select: SUBMISSION_DTO_SELECT,
  });
  if (!row) throw notFound("Submission");
  return toSubmissionDTO(row);
}

export async function listSubmissions(db: Db, user: SessionUser, exerciseId: string): Promise<SubmissionDTO[]> {
  assertCanSolve(user);
  const exercise = await findLiveExercise(db, exerciseId, { id: true });
  const rows = await db.submission.findMany({
    where: { userId: user.id, exerciseId: exercise.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: SUBMISSION_HISTORY_LIMIT,
    select: SUBMISSION_DTO_SELECT,
  });
  return rows.map(toSubmissionDTO);
}

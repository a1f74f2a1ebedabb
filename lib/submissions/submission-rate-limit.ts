/**
 * Submissions per user per minute, counted in the database (the submissions
 * are the record, so the limit holds across restarts and processes). Each
 * submission costs a sandboxed interpreter on the server; 30 a minute is far
 * more than a person clicking "Submit" needs, and stops a script.
 *
 * Two requests checked at the same instant can both pass: the limit is a
 * guard against floods, not an exact quota.
 */
import type { Db } from "../db/create-client";
import { HttpError } from "../http/errors";

export const SUBMISSIONS_PER_WINDOW = 30;
export const SUBMISSION_WINDOW_MS = 60_000;

export async function assertSubmissionRateOk(db: Db, userId: string, now = new Date()): Promise<void> {
  const recent = await db.submission.count({
    where: { userId, createdAt: { gte: new Date(now.getTime() - SUBMISSION_WINDOW_MS) } },
  });
  if (recent >= SUBMISSIONS_PER_WINDOW) {
    throw new HttpError(
      429,
      `You submitted ${recent} times in the last minute; please wait a minute before submitting again. Your code is still in the editor.`,
    );
  }
}

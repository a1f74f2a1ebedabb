/**
 * The long-poll behind GET /api/submissions/:id?wait=<seconds>: answer at once
 * when the caller's submission is settled; otherwise hold the request until a
 * worker's verdict is signalled (verdict-events.ts) or the wait runs out, then
 * answer with the submission as it is.
 *
 * Cheap while waiting: the pending check selects only `state` (no code, no
 * result JSON), and a waiting request costs a timer, a closure and one such
 * re-read per VERDICT_RECHECK_MS — the net under the wake-ups, for a verdict
 * whose signal never reached this process (SQLite with separate web and
 * verifier processes; a notification lost while PostgreSQL's listening
 * connection reconnected). The owner is part of every query, so another
 * learner's id is a 404 before any waiting.
 */
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { notFound } from "../auth/errors";
import { getSubmission } from "./get-submission";
import type { SubmissionDTO } from "./submission-dto";
import type { VerdictEvents } from "./verdict-events";

/** How often a held request re-reads the state when no signal came. */
export const VERDICT_RECHECK_MS = 1000;

export async function waitForVerdict(
  db: Db,
  user: SessionUser,
  submissionId: string,
  waitMs: number,
  events: Pick<VerdictEvents, "watch">,
  signal?: AbortSignal,
): Promise<SubmissionDTO> {
  if (typeof submissionId !== "string" || submissionId.length === 0 || submissionId.length > 64) {
    throw notFound("Submission");
  }
  if (waitMs <= 0) return getSubmission(db, user, submissionId);
  const watch = events.watch(submissionId);
  try {
    const row = await db.submission.findFirst({
      where: { id: submissionId, userId: user.id },
      select: { state: true },
    });
    if (!row) throw notFound("Submission");
    const deadline = Date.now() + waitMs;
    for (let state = row.state; state === "QUEUED" || state === "RUNNING";) {
      const left = deadline - Date.now();
      if (left <= 0 || signal?.aborted) break;
      if (await watch.until(Math.min(left, VERDICT_RECHECK_MS), signal)) break;
      const again = await db.submission.findFirst({ where: { id: submissionId }, select: { state: true } });
      if (!again) break;
      state = again.state;
    }
  } finally {
    watch.cancel();
  }
  return getSubmission(db, user, submissionId);
}

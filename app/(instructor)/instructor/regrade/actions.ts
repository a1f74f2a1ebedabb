"use server";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { requirePermission } from "@/lib/auth/session";
import { startRegrade } from "@/lib/regrade/start-regrade";
import { jobWake } from "@/lib/jobs/process-jobs";
import { actionFailure, type ActionState } from "@/lib/http/action-result";

/**
 * Starts a regrade: the regrade, its items and their queued jobs are stored
 * first (any worker runs them, after learners' submissions).
 * The action re-checks the user; startRegrade checks the scope again.
 */
export async function startRegradeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let jobId: string;
  try {
    const actor = await requirePermission("submission:review", "regrade submissions");
    const started = await startRegrade(db, actor, {
      exerciseId: form.get("exerciseId") ?? undefined,
      cohortId: form.get("cohortId") ?? undefined,
    });
    // A regrade with nothing to verify is stored as done: no need to wake the runner (and its pool).
    if (started.total > 0) jobWake(db).nudge();
    jobId = started.jobId;
  } catch (e) {
    return actionFailure("regrade", e);
  }
  // Outside the try: redirect() works by throwing.
  redirect(`/instructor/regrade/jobs/${jobId}`);
}

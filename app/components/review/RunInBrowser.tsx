/**
 * "Run in my browser" on the review page (server part): loads what the
 * instructor's browser needs to re-run a learner's submission (its code, the
 * exercise's visible AND hidden checks, its limits) through the same gate as
 * every review command, then hands it to the client panel.
 *
 * The learner's code then runs in the instructor's browser. What keeps it from
 * acting as the instructor is the worker, not this component: see
 * lib/runner/README.md ("Learner code cannot act as the viewer").
 */
import { z } from "zod";
import { db } from "@/lib/db/client";
import { requirePermission } from "@/lib/auth/session";
import { CheckFileSchema } from "@/lib/grading/result";
import { findReviewableSubmission } from "@/lib/review/review-access";
import { RunInBrowserPanel } from "./RunInBrowserPanel";

const StoredChecksSchema = z.array(CheckFileSchema);

export async function RunInBrowser({ submissionId }: { submissionId: string }) {
  // Checked again here (not only by the page): this component ships hidden checks.
  const actor = await requirePermission("submission:review", "review submissions");
  const submission = await findReviewableSubmission(db, actor, submissionId);
  const exercise = await db.exercise.findUniqueOrThrow({
    where: { id: submission.exerciseId },
    select: { checks: true, timeLimitMs: true, memoryLimitMb: true },
  });
  const stored = await db.submission.findUniqueOrThrow({
    where: { id: submission.id },
    select: { state: true, verdict: true },
  });
  const checks = StoredChecksSchema.safeParse(exercise.checks);
  if (!checks.success) return <p className="error">This exercise&apos;s checks could not be read.</p>;
  return (
    <RunInBrowserPanel
      code={submission.code}
      checks={checks.data}
      limits={{ timeLimitMs: exercise.timeLimitMs, memoryLimitMb: exercise.memoryLimitMb }}
      serverVerdict={stored.state === "DONE" ? stored.verdict : null}
      serverState={stored.state}
    />
  );
}

"use server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { requirePermission } from "@/lib/auth/session";
import { giveFeedback } from "@/lib/review/give-feedback";
import { overrideGrade } from "@/lib/review/override-grade";
import { actionFailure, type ActionState } from "@/lib/http/action-result";

/**
 * Server actions re-check who is asking: the page's own check does not cover
 * them, and the domain functions check the cohort scope once more.
 */
export async function giveFeedbackAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const actor = await requirePermission("submission:review", "review submissions");
    const submissionId = form.get("submissionId");
    const lines = form.getAll("commentLine").map(String);
    const bodies = form.getAll("commentBody").map(String);
    const lineComments = lines
      .map((line, i) => ({ line: line.trim(), body: bodies[i] ?? "" }))
      // A row the reviewer left blank is not a comment; a half-filled one is refused by the schema.
      .filter((c) => c.line !== "" || c.body.trim() !== "")
      .map((c) => ({ line: Number(c.line), body: c.body }));
    const status = form.get("status");
    await giveFeedback(db, actor, submissionId, {
      body: String(form.get("body") ?? ""),
      status: status === "APPROVED" || status === "NEEDS_REVISION" ? status : undefined,
      lineComments,
    });
    revalidatePath(`/instructor/review/submissions/${String(submissionId)}`);
    return { ok: true, message: "Feedback sent to the learner." };
  } catch (e) {
    return actionFailure("review", e);
  }
}

export async function overrideGradeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const actor = await requirePermission("submission:review", "review submissions");
    const submissionId = form.get("submissionId");
    const { progress } = await overrideGrade(db, actor, submissionId, {
      verdict: form.get("verdict"),
      reason: form.get("reason"),
    });
    revalidatePath(`/instructor/review/submissions/${String(submissionId)}`);
    return {
      ok: true,
      message: `Grade overridden: progress is now ${progress.state.toLowerCase().replace("_", " ")}.`,
    };
  } catch (e) {
    return actionFailure("review", e);
  }
}

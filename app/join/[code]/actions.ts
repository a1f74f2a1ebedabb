"use server";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { requirePermission } from "@/lib/auth/session";
import { joinCohort } from "@/lib/cohorts/join-cohort";
import { actionFailure, type ActionState } from "@/lib/http/action-result";

/** Re-checks the user itself: the page's check does not cover a server action. */
export async function joinCohortAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let joined: { cohortId: string };
  try {
    const actor = await requirePermission("cohort:join", "join cohorts");
    joined = await joinCohort(db, actor, { code: form.get("code") });
  } catch (e) {
    return actionFailure("join", e);
  }
  redirect(`/learn?joined=${encodeURIComponent(joined.cohortId)}`);
}

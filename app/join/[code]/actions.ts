"use server";
import { redirect } from "next/navigation";
import { ZodError } from "zod";
import { db } from "@/lib/db/client";
import { AuthError } from "@/lib/auth/errors";
import { requirePermission } from "@/lib/auth/session";
import { BAD_CODE_MESSAGE, joinCohort } from "@/lib/cohorts/join-cohort";

export type JoinState = { message: string } | null;

/** Re-checks the user itself: the page's check does not cover a server action. */
export async function joinCohortAction(_prev: JoinState, form: FormData): Promise<JoinState> {
  let joined: { cohortId: string };
  try {
    const actor = await requirePermission("cohort:join", "join cohorts");
    joined = await joinCohort(db, actor, { code: form.get("code") });
  } catch (e) {
    if (e instanceof AuthError) return { message: e.status === 404 ? BAD_CODE_MESSAGE : e.message };
    // A missing or over-long code is a bad code, not a server error.
    if (e instanceof ZodError) return { message: BAD_CODE_MESSAGE };
    console.error("[join] unexpected error", e);
    return { message: "Something went wrong on our side. Please try again." };
  }
  redirect(`/learn?joined=${encodeURIComponent(joined.cohortId)}`);
}

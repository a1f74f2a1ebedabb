"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { requirePermission } from "@/lib/auth/session";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { updateCohortSettings } from "@/lib/cohorts/update-cohort-settings";
import { setSectionDeadlines } from "@/lib/cohorts/deadlines";
import { actionFailure, type ActionState } from "@/lib/http/action-result";

/** Server actions check who is asking themselves: the page's check does not cover them. */
export async function createCohortAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let id: string;
  try {
    const actor = await requirePermission("cohort:manage", "manage cohorts");
    id = (await createCohort(db, actor, { name: form.get("name") })).id;
  } catch (e) {
    return actionFailure("cohorts", e);
  }
  revalidatePath("/instructor/cohorts");
  // Outside the try: redirect() works by throwing.
  redirect(`/instructor/cohorts/${id}`);
}

export async function updateCohortSettingsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const actor = await requirePermission("cohort:manage", "manage cohorts");
    const cohortId = form.get("cohortId");
    const restrict = form.get("restrictSections") === "on";
    await updateCohortSettings(db, actor, cohortId, {
      openSections: restrict ? form.getAll("openSections").map(String) : null,
      showSolutionAfterPass: form.get("showSolutionAfterPass") === "on",
    });
    revalidatePath(`/instructor/cohorts/${String(cohortId)}`);
    return { ok: true, message: "Settings saved." };
  } catch (e) {
    return actionFailure("cohorts", e);
  }
}

/** Due dates per section: `due:<sectionId>` fields from datetime-local inputs, read as UTC. */
export async function setDeadlinesAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const actor = await requirePermission("cohort:manage", "manage cohorts");
    const cohortId = form.get("cohortId");
    const deadlines = [...form.entries()]
      .filter(([key]) => key.startsWith("due:"))
      .map(([key, value]) => {
        const local = String(value).trim();
        return {
          sectionId: key.slice("due:".length),
          dueAt: local ? `${local.length === 16 ? `${local}:00` : local}Z` : null,
        };
      });
    await setSectionDeadlines(db, actor, cohortId, deadlines);
    revalidatePath(`/instructor/cohorts/${String(cohortId)}`);
    return { ok: true, message: "Due dates saved." };
  } catch (e) {
    return actionFailure("cohorts", e);
  }
}

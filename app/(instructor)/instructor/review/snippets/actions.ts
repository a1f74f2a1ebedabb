"use server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { requirePermission } from "@/lib/auth/session";
import { createSnippet } from "@/lib/review/snippets/create-snippet";
import { updateSnippet } from "@/lib/review/snippets/update-snippet";
import { deleteSnippet } from "@/lib/review/snippets/delete-snippet";
import { actionFailure, type ActionState } from "@/lib/http/action-result";

/**
 * Each action re-checks who is asking (the page's check does not cover
 * actions); the domain functions check ownership and validate the input.
 */
const fields = (form: FormData) => ({ title: form.get("title"), body: form.get("body") });

export async function createSnippetAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const actor = await requirePermission("submission:review", "use feedback snippets");
    const snippet = await createSnippet(db, actor, fields(form));
    revalidatePath("/instructor/review/snippets");
    return { ok: true, message: `Snippet “${snippet.title}” saved.` };
  } catch (e) {
    return actionFailure("snippets", e);
  }
}

export async function updateSnippetAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const actor = await requirePermission("submission:review", "use feedback snippets");
    await updateSnippet(db, actor, form.get("id"), fields(form));
    revalidatePath("/instructor/review/snippets");
    return { ok: true, message: "Changes saved." };
  } catch (e) {
    return actionFailure("snippets", e);
  }
}

export async function deleteSnippetAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const actor = await requirePermission("submission:review", "use feedback snippets");
    await deleteSnippet(db, actor, form.get("id"));
    revalidatePath("/instructor/review/snippets");
    return { ok: true, message: "Snippet deleted." };
  } catch (e) {
    return actionFailure("snippets", e);
  }
}

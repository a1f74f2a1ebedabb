"use server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { requirePermission } from "@/lib/auth/session";
import { createSnippet } from "@/lib/review/snippets/create-snippet";
import { updateSnippet } from "@/lib/review/snippets/update-snippet";
import { deleteSnippet } from "@/lib/review/snippets/delete-snippet";
import { reviewMessageFor, type ReviewActionState } from "@/app/components/review/action-state";

/**
 * Each action re-checks who is asking (the page's check does not cover
 * actions); the domain functions check ownership and validate the input.
 */
const fields = (form: FormData) => ({ title: form.get("title"), body: form.get("body") });

export async function createSnippetAction(_prev: ReviewActionState, form: FormData): Promise<ReviewActionState> {
  try {
    const actor = await requirePermission("submission:review", "use feedback snippets");
    const snippet = await createSnippet(db, actor, fields(form));
    revalidatePath("/instructor/review/snippets");
    return { ok: true, message: `Snippet “${snippet.title}” saved.` };
  } catch (e) {
    return { ok: false, message: reviewMessageFor(e) };
  }
}

export async function updateSnippetAction(_prev: ReviewActionState, form: FormData): Promise<ReviewActionState> {
  try {
    const actor = await requirePermission("submission:review", "use feedback snippets");
    await updateSnippet(db, actor, form.get("id"), fields(form));
    revalidatePath("/instructor/review/snippets");
    return { ok: true, message: "Changes saved." };
  } catch (e) {
    return { ok: false, message: reviewMessageFor(e) };
  }
}

export async function deleteSnippetAction(_prev: ReviewActionState, form: FormData): Promise<ReviewActionState> {
  try {
    const actor = await requirePermission("submission:review", "use feedback snippets");
    await deleteSnippet(db, actor, form.get("id"));
    revalidatePath("/instructor/review/snippets");
    return { ok: true, message: "Snippet deleted." };
  } catch (e) {
    return { ok: false, message: reviewMessageFor(e) };
  }
}

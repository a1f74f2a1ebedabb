"use server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { requireUser } from "@/lib/auth/session";
import { setUserRole } from "@/lib/users/set-role";
import { AuthError } from "@/lib/auth/errors";

export type ActionState = { ok: boolean; message: string } | null;

/** Server action: checks who is asking itself (a page check does not cover actions). */
export async function setRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const actor = await requireUser();
    const updated = await setUserRole(db, actor, { userId: form.get("userId"), role: form.get("role") });
    revalidatePath("/admin/users");
    return { ok: true, message: `Role changed to ${updated.role.toLowerCase()}.` };
  } catch (e) {
    if (e instanceof AuthError) return { ok: false, message: e.message };
    return { ok: false, message: "Invalid request." };
  }
}

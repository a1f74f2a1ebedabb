"use server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { requireUser } from "@/lib/auth/session";
import { setUserRole } from "@/lib/users/set-role";
import { resetPasswordAsAdmin } from "@/lib/users/set-password";
import { actionFailure, type ActionState } from "@/lib/http/action-result";

export type { ActionState };
export type ResetState = { ok: true; password: string } | { ok: false; message: string } | null;

/** Server actions check who is asking themselves (a page check does not cover actions). */
export async function setRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const actor = await requireUser();
    const updated = await setUserRole(db, actor, { userId: form.get("userId"), role: form.get("role") });
    revalidatePath("/admin/users");
    return { ok: true, message: `Role changed to ${updated.role.toLowerCase()}.` };
  } catch (e) {
    return actionFailure("admin: role change", e);
  }
}

export async function resetPasswordAction(_prev: ResetState, form: FormData): Promise<ResetState> {
  try {
    const actor = await requireUser();
    const { password } = await resetPasswordAsAdmin(db, actor, { userId: form.get("userId") });
    return { ok: true, password };
  } catch (e) {
    return actionFailure("admin: password reset", e);
  }
}

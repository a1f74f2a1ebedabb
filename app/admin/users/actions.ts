"use server";
import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { db } from "@/lib/db/client";
import { requireUser } from "@/lib/auth/session";
import { setUserRole } from "@/lib/users/set-role";
import { resetPasswordAsAdmin } from "@/lib/users/set-password";
import { AuthError } from "@/lib/auth/errors";

export type ActionState = { ok: boolean; message: string } | null;
export type ResetState = { ok: true; password: string } | { ok: false; message: string } | null;

/** Known refusals become their message; anything else is logged and reported plainly. */
function failure(what: string, e: unknown): { ok: false; message: string } {
  if (e instanceof AuthError) return { ok: false, message: e.message };
  if (e instanceof ZodError) return { ok: false, message: "Invalid request." };
  console.error(`[admin] ${what} failed`, e);
  return { ok: false, message: "Something went wrong on our side. Please try again." };
}

/** Server actions check who is asking themselves (a page check does not cover actions). */
export async function setRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const actor = await requireUser();
    const updated = await setUserRole(db, actor, { userId: form.get("userId"), role: form.get("role") });
    revalidatePath("/admin/users");
    return { ok: true, message: `Role changed to ${updated.role.toLowerCase()}.` };
  } catch (e) {
    return failure("role change", e);
  }
}

export async function resetPasswordAction(_prev: ResetState, form: FormData): Promise<ResetState> {
  try {
    const actor = await requireUser();
    const { password } = await resetPasswordAsAdmin(db, actor, { userId: form.get("userId") });
    return { ok: true, password };
  } catch (e) {
    return failure("password reset", e);
  }
}

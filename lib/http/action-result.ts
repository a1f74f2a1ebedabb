/**
 * The one error path of server actions: what a form shows after an action.
 * A refusal the domain explains (not allowed, not found, bad input) shows its
 * own words; anything else is logged with the action's name and the form says
 * only that something went wrong, never internals.
 */
import { ZodError } from "zod";
import { AuthError } from "../auth/errors";
import { HttpError } from "./errors";

/** What a form's useActionState holds: null before the first submit. */
export type ActionState = { ok: boolean; message: string } | null;

export function actionFailure(action: string, e: unknown): { ok: false; message: string } {
  if (e instanceof AuthError || e instanceof HttpError) return { ok: false, message: e.message };
  if (e instanceof ZodError) return { ok: false, message: e.issues[0]?.message ?? "Invalid input." };
  console.error(`[${action}] unexpected error`, e);
  return { ok: false, message: "Something went wrong on our side. Please try again." };
}

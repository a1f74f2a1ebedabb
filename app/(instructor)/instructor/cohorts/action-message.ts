import { ZodError } from "zod";
import { AuthError } from "@/lib/auth/errors";
import { UnknownSectionError } from "@/lib/cohorts/update-cohort-settings";

export type ActionState = { ok: boolean; message: string } | null;

/** The message a form shows for a refused action: the domain's own words, never internals. */
export function messageFor(e: unknown): string {
  if (e instanceof AuthError || e instanceof UnknownSectionError) return e.message;
  if (e instanceof ZodError) return e.issues[0]?.message ?? "Invalid input.";
  console.error("[cohorts] unexpected error", e);
  return "Something went wrong on our side. Please try again.";
}

import { AuthError } from "@/lib/auth/errors";
import { HttpError } from "@/lib/http/errors";

export type ReviewActionState = { ok: boolean; message: string } | null;

/** What a review form shows for a refused action: the domain's own words, never internals. */
export function reviewMessageFor(e: unknown): string {
  if (e instanceof AuthError || e instanceof HttpError) return e.message;
  console.error("[review] unexpected error", e);
  return "Something went wrong on our side. Please try again.";
}

/**
 * Feedback snippets: an instructor's own reusable texts for common mistakes
 * ("You still hold a reference in the cache dict…"), inserted into the
 * feedback form with one click. Each instructor sees and edits only their own.
 */
import { z } from "zod";
import type { SessionUser } from "../../auth/session";
import { forbidden } from "../../auth/errors";
import { can } from "../../auth/permissions";

export const SNIPPET_TITLE_MAX = 120;
export const SNIPPET_BODY_MAX = 5_000;
/** Enough for every common mistake of a course; a bound keeps the feedback page light. */
export const SNIPPETS_PER_OWNER_MAX = 200;

export const SnippetInputSchema = z.object({
  title: z
    .string("Give the snippet a title.")
    .trim()
    .min(1, "Give the snippet a title.")
    .max(SNIPPET_TITLE_MAX, `Keep the title under ${SNIPPET_TITLE_MAX} characters.`),
  body: z
    .string("Write the snippet's text.")
    .trim()
    .min(1, "Write the snippet's text.")
    .max(SNIPPET_BODY_MAX, `Keep the text under ${SNIPPET_BODY_MAX} characters.`),
});
export type SnippetInput = z.input<typeof SnippetInputSchema>;

export type SnippetView = { id: string; title: string; body: string; createdAt: Date };

export const snippetSelect = { id: true, title: true, body: true, createdAt: true } as const;

export function assertCanUseSnippets(actor: SessionUser): void {
  if (!can(actor.role, "submission:review")) throw forbidden("use feedback snippets");
}

/** Ids come from forms and URLs: anything that is not a plausible id is simply "not found". */
export function isPlausibleId(id: unknown): id is string {
  return typeof id === "string" && id.length > 0 && id.length <= 64;
}

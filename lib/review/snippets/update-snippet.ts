import type { Db } from "../../db/create-client";
import type { SessionUser } from "../../auth/session";
import { notFound } from "../../auth/errors";
import { parseWith } from "../../http/errors";
import {
  assertCanUseSnippets,
  isPlausibleId,
  snippetSelect,
  SnippetInputSchema,
  type SnippetView,
} from "./snippet-schema";

/** Only the owner's own snippet: someone else's answers 404, like one that does not exist. */
export async function updateSnippet(
  db: Db,
  actor: SessionUser,
  snippetId: unknown,
  input: unknown,
): Promise<SnippetView> {
  assertCanUseSnippets(actor);
  if (!isPlausibleId(snippetId)) throw notFound("Snippet");
  const data = parseWith(SnippetInputSchema, input);
  // The owner is part of the write's condition, so no check-then-write gap.
  const updated = await db.feedbackSnippet.updateMany({ where: { id: snippetId, ownerId: actor.id }, data });
  if (updated.count === 0) throw notFound("Snippet");
  return db.feedbackSnippet.findUniqueOrThrow({ where: { id: snippetId }, select: snippetSelect });
}

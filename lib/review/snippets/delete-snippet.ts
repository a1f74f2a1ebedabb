import type { Db } from "../../db/create-client";
import type { SessionUser } from "../../auth/session";
import { notFound } from "../../auth/errors";
import { assertCanUseSnippets, isPlausibleId } from "./snippet-schema";

/** Only the owner's own snippet: someone else's answers 404, like one that does not exist. */
export async function deleteSnippet(db: Db, actor: SessionUser, snippetId: unknown): Promise<void> {
  assertCanUseSnippets(actor);
  if (!isPlausibleId(snippetId)) throw notFound("Snippet");
  const deleted = await db.feedbackSnippet.deleteMany({ where: { id: snippetId, ownerId: actor.id } });
  if (deleted.count === 0) throw notFound("Snippet");
}

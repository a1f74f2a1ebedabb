import type { Db } from "../../db/create-client";
import type { SessionUser } from "../../auth/session";
import { assertCanUseSnippets, snippetSelect, SNIPPETS_PER_OWNER_MAX, type SnippetView } from "./snippet-schema";

/** The actor's own snippets, by title. */
export async function listSnippets(db: Db, actor: SessionUser): Promise<SnippetView[]> {
  assertCanUseSnippets(actor);
  return db.feedbackSnippet.findMany({
    where: { ownerId: actor.id },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    take: SNIPPETS_PER_OWNER_MAX,
    select: snippetSelect,
  });
}

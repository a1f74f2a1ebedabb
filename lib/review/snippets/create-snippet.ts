import type { Db } from "../../db/create-client";
import type { SessionUser } from "../../auth/session";
import { HttpError, parseWith } from "../../http/errors";
import {
  assertCanUseSnippets,
  snippetSelect,
  SnippetInputSchema,
  SNIPPETS_PER_OWNER_MAX,
  type SnippetView,
} from "./snippet-schema";

export async function createSnippet(db: Db, actor: SessionUser, input: unknown): Promise<SnippetView> {
  assertCanUseSnippets(actor);
  const data = parseWith(SnippetInputSchema, input);
  const count = await db.feedbackSnippet.count({ where: { ownerId: actor.id } });
  if (count >= SNIPPETS_PER_OWNER_MAX) {
    throw new HttpError(409, `You have ${SNIPPETS_PER_OWNER_MAX} snippets already; delete one first.`);
  }
  return db.feedbackSnippet.create({ data: { ...data, ownerId: actor.id }, select: snippetSelect });
}

import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { requireUser } from "@/lib/auth/session";
import { handle, readJson } from "@/lib/http/respond";
import { CODE_BODY_LIMIT_BYTES } from "@/lib/submissions/code-limits";
import { saveDraft } from "@/lib/submissions/save-draft";

type Ctx = { params: Promise<{ id: string }> };

/** Autosave from the editor (debounced by the client). */
export const PUT = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  const body = await readJson(req, CODE_BODY_LIMIT_BYTES);
  return NextResponse.json(await saveDraft(db, user, id, body));
});

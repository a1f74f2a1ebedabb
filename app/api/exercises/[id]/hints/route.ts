import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { requireUser } from "@/lib/auth/session";
import { handle, readJson } from "@/lib/http/respond";
import { revealHint } from "@/lib/progress/reveal-hint";

type Ctx = { params: Promise<{ id: string }> };

const HINT_BODY_LIMIT_BYTES = 1024;

/** Reveal the next hint (or re-read one already revealed). */
export const POST = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  const body = await readJson(req, HINT_BODY_LIMIT_BYTES);
  return NextResponse.json(await revealHint(db, user, id, body));
});

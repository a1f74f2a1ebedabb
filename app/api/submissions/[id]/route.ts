import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { requireUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/respond";
import { getSubmission } from "@/lib/submissions/get-submission";

type Ctx = { params: Promise<{ id: string }> };

/** One of the caller's submissions; polled until state is DONE or ERRORED. Others' → 404. */
export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  const submission = await getSubmission(db, user, id);
  // Polled: never serve a cached state.
  return NextResponse.json({ submission }, { headers: { "Cache-Control": "no-store" } });
});

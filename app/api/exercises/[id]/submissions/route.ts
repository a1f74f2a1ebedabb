import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { requireUser } from "@/lib/auth/session";
import { handle, readJson } from "@/lib/http/respond";
import { CODE_BODY_LIMIT_BYTES } from "@/lib/submissions/code-limits";
import { listSubmissions } from "@/lib/submissions/get-submission";
import { jobWake } from "@/lib/jobs/process-jobs";
import { submitSolution } from "@/lib/submissions/submit-solution";

type Ctx = { params: Promise<{ id: string }> };

/** Submit code: stored at once (202), verified by a worker in the background; poll GET /api/submissions/:id. */
export const POST = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  const body = await readJson(req, CODE_BODY_LIMIT_BYTES);
  const submission = await submitSolution(db, user, id, body, jobWake(db));
  return NextResponse.json({ submission }, { status: 202 });
});

/** The caller's own submissions for this exercise, newest first, with code (history and diff). */
export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  return NextResponse.json({ submissions: await listSubmissions(db, user, id) });
});

import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { requireUser } from "@/lib/auth/session";
import { handle, parseWith } from "@/lib/http/respond";
import { MAX_VERDICT_WAIT_SECONDS } from "@/lib/submissions/follow-verdict";
import { getVerdictEvents } from "@/lib/jobs/process-jobs";
import { waitForVerdict } from "@/lib/submissions/wait-for-verdict";

type Ctx = { params: Promise<{ id: string }> };

const QuerySchema = z.object({
  wait: z.coerce
    .number({ error: "wait must be a number of seconds" })
    .int({ error: "wait must be a whole number of seconds" })
    .min(0, { error: "wait must be 0 or more seconds" })
    .max(MAX_VERDICT_WAIT_SECONDS, { error: `wait must be at most ${MAX_VERDICT_WAIT_SECONDS} seconds` })
    .optional(),
});

/**
 * One of the caller's submissions (others' → 404). With `?wait=<seconds>` a
 * long-poll: answered when the verdict lands or the wait is over, whichever
 * comes first (lib/submissions/follow-verdict.ts is the client side).
 */
export const GET = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireUser();
  const { id } = await ctx.params;
  const { wait } = parseWith(QuerySchema, Object.fromEntries(new URL(req.url).searchParams));
  const events = getVerdictEvents();
  const submission = await waitForVerdict(db, user, id, (wait ?? 0) * 1000, events, req.signal);
  // Polled: never serve a cached state. While this instance stops, close the connection too, so
  // the client's next poll goes to another instance instead of keeping this one from exiting.
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (events.stopping()) headers.Connection = "close";
  return NextResponse.json({ submission }, { headers });
});

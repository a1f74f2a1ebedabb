/** GET: every submission of the cohort's learners as CSV, streamed (instructor of the cohort or admin). */
import { db } from "@/lib/db/client";
import { requirePermission } from "@/lib/auth/session";
import { handle } from "@/lib/http/respond";
import { exportSubmissionsCsv } from "@/lib/export/export-submissions";
import { csvResponse } from "../csv-response";

type Ctx = { params: Promise<{ id: string }> };

export const dynamic = "force-dynamic";

export const GET = handle(async (_req: Request, { params }: Ctx) => {
  const actor = await requirePermission("cohort:manage", "export cohort data");
  const { id } = await params;
  return csvResponse(await exportSubmissionsCsv(db, actor, id));
});

/** GET: the cohort's grades as CSV (instructor of the cohort or admin; others 403/404). */
import { db } from "@/lib/db/client";
import { requirePermission } from "@/lib/auth/session";
import { handle } from "@/lib/http/respond";
import { exportGradesCsv } from "@/lib/export/export-grades";
import { csvResponse } from "../csv-response";

type Ctx = { params: Promise<{ id: string }> };

export const dynamic = "force-dynamic";

export const GET = handle(async (_req: Request, { params }: Ctx) => {
  const actor = await requirePermission("cohort:manage", "export cohort data");
  const { id } = await params;
  return csvResponse(await exportGradesCsv(db, actor, id));
});

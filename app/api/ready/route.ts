import path from "node:path";
import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { migrationNames } from "@/lib/db/pending-migrations";
import { checkReadiness } from "@/lib/ops/readiness";

/** Readiness for a load balancer: 200 when this instance may take traffic, 503 (naming the failing check) when not. */
export async function GET() {
  const readiness = await checkReadiness(db, migrationNames(path.join(process.cwd(), "prisma", "migrations")));
  return NextResponse.json(
    { status: readiness.ready ? "ready" : "not ready", checks: readiness.checks },
    { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
